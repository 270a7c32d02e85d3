package org.procroom.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.procroom.gateway.mqtt.MqttCallbackAdapter;
import org.procroom.gateway.record.EventSummary;
import org.procroom.gateway.store.EventJson;

/**
 * The demo's live view: a feed consumer like the charting system's, subscribed to the room's
 * topics on the broker, printing one line per event as it arrives (de-duplicated by event id).
 */
public final class Timeline implements AutoCloseable {
  private final MqttClient client;
  private final PrintStream out;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final AtomicLong received = new AtomicLong();

  public Timeline(String brokerUrl, String topicFilter, PrintStream out) throws MqttException {
    this.out = out;
    client = new MqttClient(brokerUrl, "procroom-demo-timeline", new MemoryPersistence());
    client.setCallback(new MqttCallbackAdapter() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        print(topic, message.getPayload());
      }
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options);
    client.subscribe(topicFilter, 1);
  }

  /** Distinct events received so far. */
  public long received() {
    return received.get();
  }

  private void print(String topic, byte[] payload) {
    JsonNode event = EventJson.parse(new String(payload, StandardCharsets.UTF_8));
    if (topic.endsWith("/status")) {
      out.printf("  %-26s  %-5s %-11s broker status: %s%n", event.path("at").asText(), "", "gateway",
          event.path("state").asText());
      return;
    }
    if (topic.contains("/records/")) {
      out.printf("  %-26s  %-5s %-11s %-17s FHIR R4 %s with %d resources for the charting system%n", "", "", "gateway",
          "record (FHIR)", event.path("type").asText(), event.path("entry").size());
      return;
    }
    if (!seen.add(event.path("eventId").asText())) {
      return;
    }
    received.incrementAndGet();
    String recordSeq = event.path("recordSeq").isNull() ? "" : "#" + event.path("recordSeq").asText();
    out.printf("  %-26s  %-5s %-11s %-17s %s%n", event.path("receivedAt").asText(), recordSeq,
        event.path("device").path("id").asText(), event.path("type").asText(), EventSummary.of(event));
  }

  @Override
  public void close() {
    try {
      client.disconnect();
      client.close();
    } catch (MqttException ignored) {
      // the demo is ending; nothing to report
    }
  }
}
