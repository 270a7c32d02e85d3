package org.procroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.procroom.gateway.store.EventJson;

/**
 * The charting system's side: subscribes with QoS 1, counts what arrives and records, per event,
 * the time from the gateway's receive timestamp (taken when the device's bytes were read) to now.
 * Same host, same clock.
 */
final class FeedSubscriber implements AutoCloseable {
  private final MqttClient client;
  final AtomicLong delivered = new AtomicLong();
  final Recorder latencyMicros = new Recorder(3);
  /** The last message received, as a representative payload for the ceilings. */
  volatile String lastPayload = "";

  FeedSubscriber(String url, String topicFilter) throws MqttException {
    client = new MqttClient(url, "bench-subscriber-" + System.nanoTime(), new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) throws Exception {
        long now = micros(Instant.now());
        JsonNode event = EventJson.MAPPER.readTree(message.getPayload());
        JsonNode received = event.get("receivedAt");
        if (received != null) {
          latencyMicros.recordValue(Math.max(0, now - micros(Instant.parse(received.asText()))));
        }
        lastPayload = new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
        delivered.incrementAndGet();
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setReceiveMaximum(1000);
    client.connect(options);
    client.subscribe(topicFilter, 1);
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }

  @Override
  public void close() throws MqttException {
    client.disconnect();
    client.close();
  }
}
