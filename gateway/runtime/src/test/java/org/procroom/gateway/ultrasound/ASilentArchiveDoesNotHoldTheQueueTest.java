package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.store.QueuedDelivery;
import org.procroom.testkit.Await;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * An archive that takes the connection and never answers (a hung PACS, a half-open link): the
 * association ends after the archive's timeout and the object is tried again, instead of the
 * queue waiting for ever while /health calls the archive reachable.
 */
class ASilentArchiveDoesNotHoldTheQueueTest {
  @TempDir Path dir;

  @Test
  void theAssociationEndsAfterTheTimeoutAndTheObjectWaits() throws Exception {
    int port = FreePort.pick();
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (Exception closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      room.writeConfig(Room.dicomStorage(port, 0, ""));
      Files.writeString(room.configFile(), """
          charting:
            archives:
              pacs: {url: "dicom://PACS@127.0.0.1:%d", timeout: 2s, retryInitial: 100ms, retryMax: 500ms}
          """.formatted(silent.getLocalPort()), StandardOpenOption.APPEND);
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", "PAT-1", "Doe^Jane", "ACC-1", gateway.clock().now()).get();
        assertEquals(0, Dcmtk.run(dir, "storescu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
            String.valueOf(port), Dcmtk.ultrasound(dir, "one", "1.2.826.0.1.3680043.10.1.19.1", "PAT-1", 1, 1)
                .toString()).exit());
        Await.until(Duration.ofSeconds(15), () -> gateway.store().deliveries("archive.pacs", QueuedDelivery.PENDING)
            .join().stream().anyMatch(d -> d.attempts() >= 2), () -> "not tried again: "
            + gateway.store().deliveries("archive.pacs", QueuedDelivery.PENDING).join());
        QueuedDelivery waiting = gateway.store().deliveries("archive.pacs", QueuedDelivery.PENDING).join().get(0);
        assertTrue(waiting.lastError().startsWith("no association with archive pacs"), waiting.lastError());
        assertTrue(held.size() >= 2, "each attempt a connection of its own: " + held.size());
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
