package org.procroom.gateway.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.store.EventJson;

/**
 * The room's retained status topic: {@code offline} as the last will and at a stop, {@code online}
 * with whether the gateway is recording (the charting system and screens see a full disk: no event
 * can carry the store's own failure).
 */
final class Presence {
  private final Topics topics;
  private final GatewayClock clock;
  /** Why the store refuses data, or null. */
  private volatile String storeError;

  Presence(Topics topics, GatewayClock clock) {
    this.topics = topics;
    this.clock = clock;
  }

  String topic() {
    return topics.status();
  }

  void storeError(String error) {
    storeError = error;
  }

  MqttMessage online() {
    return message("online");
  }

  MqttMessage offline() {
    return message("offline");
  }

  private MqttMessage message(String value) {
    ObjectNode status = EventJson.MAPPER.createObjectNode().put("state", value).put("at", EventJson.timestamp(clock.now()));
    if (value.equals("online")) {
      String error = storeError;
      if (error != null) {
        status.put("recording", false).put("reason", error);
      } else {
        status.put("recording", true);
      }
    }
    MqttMessage message = new MqttMessage(EventJson.toBytes(status));
    message.setQos(1);
    message.setRetained(true);
    return message;
  }
}
