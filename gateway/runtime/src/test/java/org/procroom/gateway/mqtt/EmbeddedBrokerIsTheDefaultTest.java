package org.procroom.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.FeedSubscriber;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.testkit.Await;
import org.procroom.testkit.FreePort;

/** With no broker configured the gateway runs HiveMQ CE on loopback and publishes there. */
class EmbeddedBrokerIsTheDefaultTest {
  @TempDir Path dir;

  @Test
  void scansReachASubscriberOfTheEmbeddedBroker() throws Exception {
    int port = FreePort.pick();
    try (Room room = new Room(dir, "")) {
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
}
