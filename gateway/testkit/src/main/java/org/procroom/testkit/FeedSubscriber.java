package org.procroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A consumer of the feed as the charting system runs one: QoS 1, persistent session (messages
 * wait at the broker while it is away), every message kept in arrival order.
 */
public final class FeedSubscriber implements AutoCloseable {
  public record Received(String topic, JsonNode json, boolean retained) {}

  private final MqttClient client;
  private final List<Received> messages = new CopyOnWriteArrayList<>();
  private final String filter;
  private volatile boolean closed;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  private final javax.net.SocketFactory socketFactory;

  public FeedSubscriber(String url, String filter) throws MqttException {
    this(url, filter, null);
  }

  /** A subscriber over TLS with the given socket factory (its client certificate), or plain when null. */
  public FeedSubscriber(String url, String filter, javax.net.SocketFactory socketFactory) throws MqttException {
    this.socketFactory = socketFactory;
    client = new MqttClient(url, "feed-test-" + System.nanoTime(), new MemoryPersistence());
    client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) throws java.io.IOException {
        messages.add(new Received(topic, JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8)),
            message.isRetained()));
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {
        reconnectInBackground();
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {}
    });
    this.filter = filter;
    client.connect(options());
    client.subscribe(filter, 1);
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    if (socketFactory != null) {
      options.setSocketFactory(socketFactory);
    }
    // A fresh client id each run, so no old session; cleanStart false keeps the session on reconnects.
    options.setCleanStart(false);
    options.setSessionExpiryInterval(3600L);
    return options;
  }

  /** Paho's automatic reconnect is unreliable, so the consumer retries by itself like the gateway does. */
  private void reconnectInBackground() {
    Thread retry = new Thread(() -> {
      while (!closed && !client.isConnected()) {
        try {
          client.connect(options());
          client.subscribe(filter, 1);
        } catch (MqttException e) {
          try {
            Thread.sleep(200);
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }, "feed-reconnect");
    retry.setDaemon(true);
    retry.start();
  }

  public List<Received> all() {
    return new ArrayList<>(messages);
  }

  /** Event messages (not status), in arrival order, duplicates included. */
  public List<JsonNode> events() {
    return messages.stream().filter(m -> m.topic().contains("/events/")).map(Received::json).toList();
  }

  /** First arrival of each event id, in arrival order. */
  public Map<String, JsonNode> distinctEvents() {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode e : events()) {
      byId.putIfAbsent(e.path("eventId").asText(), e);
    }
    return byId;
  }

  @Override
  public void close() throws MqttException {
    closed = true;
    if (client.isConnected()) {
      client.disconnect();
    }
    // Forced: a broker that went away first leaves an automatic reconnect in progress, which a plain
    // close refuses ("connect already in progress").
    client.close(true);
  }
}
