package org.procroom.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.FreePort;

/**
 * With {@code mqtt.url: embedded} the gateway runs HiveMQ CE on loopback and publishes there; an
 * empty broker setting is an error, never a quiet fall-back to the built-in broker.
 */
class EmbeddedBrokerOnlyByNameTest {
  @TempDir Path dir;

  @Test
  void scansReachASubscriberOfTheEmbeddedBroker() throws Exception {
    int port = FreePort.pick();
    try (Room room = new Room(dir, "embedded")) {
      room.env().put("PROCROOM_EMBEDDED_BROKER_PORT", String.valueOf(port));
      try (Gateway gateway = room.startGateway();
           FeedSubscriber feed = new FeedSubscriber("tcp://127.0.0.1:" + port, "procroom/room-7/#")) {
        Await.until(Duration.ofSeconds(20), () -> gateway.publisher().connected(), () -> "not connected");
        room.scanner.scan("]C1EMBEDDED");
        Await.until(Duration.ofSeconds(20), () -> feed.events().stream()
            .anyMatch(e -> e.path("payload").path("data").asText().equals("EMBEDDED")), () -> "feed: " + feed.all());
        assertEquals("tcp://127.0.0.1:" + port, gateway.publisher().health().url());
      }
    }
  }

  @Test
  void anEmptyBrokerSettingIsAnError() throws Exception {
    try (Room room = new Room(dir.resolve("empty"), "")) {
      org.procroom.gateway.api.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.procroom.gateway.api.ConfigException.class, room::config);
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("mqtt.url: required"), e.getMessage());
    }
  }
}
