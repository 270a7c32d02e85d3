package org.procroom.gateway.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * Peers that take every connection slot and say nothing, and a peer that dribbles a message a byte
 * at a time (slow loris), are cut by the idle and message timeouts; a real monitor then gets in.
 */
class SilentAndSlowMllpPeersAreCutTest {
  @TempDir Path dir;

  @Test
  void silentPeersLoseTheirSlotsAndADribbledMessageIsCutAndRecorded() throws Exception {
    int port = FreePort.pick();
    PhysiologyScript calm = PhysiologyScript.calm();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.pcd01(port, """
            maxConnections: 2
            idleTimeout: 2s
            messageTimeout: 2s
            """));
      try (Gateway gateway = room.startGateway();
           Socket silent1 = new Socket("127.0.0.1", port);
           Socket silent2 = new Socket("127.0.0.1", port)) {
        Await.until(Duration.ofSeconds(10), () -> closedByPeer(silent1) && closedByPeer(silent2),
            () -> "silent connections still open");

        long started = System.nanoTime();
        try (Socket loris = new Socket("127.0.0.1", port)) {
          OutputStream out = loris.getOutputStream();
          byte[] message = "\u000bMSH|^~\\&|MON|OR|||20261125103000||ORU^R01|SLOW|P|2.6\rPID|||1\r".getBytes(
              StandardCharsets.UTF_8);
          int sent = 0;
          try {
            for (; sent < message.length; sent++) {
              out.write(message[sent]);
              out.flush();
              Thread.sleep(300);
            }
          } catch (IOException cut) {
            // the gateway closed the connection
          }
          double seconds = (System.nanoTime() - started) / 1e9;
          assertTrue(sent < message.length, "the dribbled message was cut after " + sent + " bytes");
          assertTrue(seconds < 10, "cut after " + seconds + " s");
        }
        List<DeviceEvent> rejected = gateway.store().events(null).join().stream()
            .filter(e -> e.type().equals("vitals.rejected")).toList();
        assertEquals(1, rejected.size());
        assertTrue(rejected.get(0).payload().path("reason").asText().contains("not complete within 2 s"),
            rejected.get(0).payload().toString());

        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", port, "MONA", calm, Duration.ofMillis(300),
            Duration.ZERO)) {
          Await.until(Duration.ofSeconds(10), () -> monitor.acknowledgements().size() >= 2,
              () -> "the monitor was not served: " + monitor.acknowledgements());
          assertTrue(monitor.acknowledgements().stream().allMatch("AA"::equals), monitor.acknowledgements().toString());
        }
      }
    }
  }

  /** True once the gateway has closed its side: a read sees end of stream. */
  private static boolean closedByPeer(Socket socket) {
    try {
      socket.setSoTimeout(50);
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
