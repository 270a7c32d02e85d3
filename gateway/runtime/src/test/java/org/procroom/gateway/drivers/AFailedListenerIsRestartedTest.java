package org.procroom.gateway.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.DriverState;
import org.procroom.testkit.Await;
import org.procroom.testkit.MosquittoBroker;

/**
 * A listener that cannot listen (its port taken by another program) makes its driver FAILED with
 * the reason and a critical {@code device.state} (an alert); the driver manager starts it again
 * with a growing pause, and once the port is free the driver listens without anyone restarting
 * the gateway.
 */
class AFailedListenerIsRestartedTest {
  @TempDir Path dir;

  @Test
  void theDriverManagerRestartsAFailedListenerUntilItListens() throws Exception {
    // The squatter takes its port first: a port picked free and bound later can be taken in between.
    ServerSocket squatter = new ServerSocket();
    squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int port = squatter.getLocalPort();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.pcd01(port, ""));
      try (Gateway gateway = room.startGateway()) {
        DriverHandle pcd01 = gateway.drivers().handles().get("pcd01");
        Await.until(Duration.ofSeconds(10), () -> pcd01.status().state() == DriverState.FAILED,
            () -> "not FAILED: " + pcd01.status());
        assertTrue(pcd01.status().reason().contains("cannot listen for MLLP on 127.0.0.1:" + port), pcd01.status().reason());
        Await.until(Duration.ofSeconds(10), () -> pcd01.restarts() >= 1, () -> "never restarted");
        squatter.close();
        Await.until(Duration.ofSeconds(20), () -> pcd01.status().state() == DriverState.CONNECTED,
            () -> "not listening after the port was freed: " + pcd01.status());

        List<DeviceEvent> states = gateway.store().events(null).join().stream()
            .filter(e -> e.type().equals("device.state") && e.deviceId().equals("pcd01")).toList();
        DeviceEvent failed = states.stream().filter(e -> e.payload().path("state").asText().equals("FAILED"))
            .findFirst().orElseThrow();
        assertEquals("critical", failed.payload().path("severity").asText(), "a failed device is an alert");
      } finally {
        squatter.close();
      }
    }
  }
}
