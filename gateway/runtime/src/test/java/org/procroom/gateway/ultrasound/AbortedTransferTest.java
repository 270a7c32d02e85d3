package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.testkit.Await;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * The link breaks in the middle of an object: a relay between storescu and the gateway cuts the
 * connection after 8 KiB of a 100-frame cine. Nothing is recorded, no file is left, and the next
 * association stores normally.
 */
class AbortedTransferTest {
  private static final int CUT_AFTER = 8 * 1024;

  @TempDir Path dir;

  @Test
  void anAssociationCutMidObjectLeavesNoEventAndNoFile() throws Exception {
    int port = FreePort.pick();
    Path cine = Dcmtk.ultrasound(dir, "cine", "1.2.826.0.1.3680043.10.1.1.1.77", "P1", 100, 3);
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.dicomStorage(port, FreePort.pick(), ""));
      try (Gateway gateway = room.startGateway();
           ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        java.util.concurrent.atomic.AtomicLong forwarded = new java.util.concurrent.atomic.AtomicLong();
        Thread cutter = new Thread(() -> relayAndCut(relay, port, forwarded));
        cutter.start();
        Dcmtk.Result cut = Dcmtk.run(dir, "storescu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
            String.valueOf(relay.getLocalPort()), cine.toString());
        cutter.join(10_000);
        assertNotEquals(0, cut.exit(), "storescu saw the transfer fail: " + cut.output());
        assertEquals(CUT_AFTER, forwarded.get(), "the link was cut inside the object, after association set-up");

        Await.until(Duration.ofSeconds(10), () -> !Files.exists(room.dir.resolve("data/dicom/incoming/a1")),
            () -> "the partial object was not cleaned up");
        assertEquals(0, gateway.store().events(null).join().stream()
            .filter(e -> e.type().startsWith("dicom.stored")).count(), "no event for a broken transfer");
        assertEquals(0, dicomFiles(room.dir.resolve("data/dicom")), "no file kept");

        Dcmtk.Result again = Dcmtk.run(dir, "storescu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
            String.valueOf(port), cine.toString());
        assertEquals(0, again.exit(), again.output());
        assertEquals(1, gateway.store().events(null).join().stream()
            .filter(e -> e.type().equals("dicom.stored")).count(), "the resend is stored");
      }
    }
  }

  private static long dicomFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".dcm") || f.getFileName().toString().startsWith("1.2.")).count();
    }
  }

  /** Forwards one connection to the gateway and closes both sides after {@link #CUT_AFTER} bytes upstream. */
  private static void relayAndCut(ServerSocket relay, int gatewayPort, java.util.concurrent.atomic.AtomicLong forwarded) {
    try (Socket client = relay.accept(); Socket upstream = new Socket(InetAddress.getLoopbackAddress(), gatewayPort)) {
      Thread down = new Thread(() -> copy(upstream, client, Long.MAX_VALUE));
      down.setDaemon(true);
      down.start();
      forwarded.set(copy(client, upstream, CUT_AFTER));
    } catch (IOException e) {
      // the relay's whole point is to break the link
    }
  }

  private static long copy(Socket from, Socket to, long limit) {
    long total = 0;
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[1024];
      int n;
      while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
        out.write(buffer, 0, n);
        total += n;
      }
    } catch (IOException e) {
      return total;
    }
    try {
      from.close();
      to.close();
    } catch (IOException ignored) {
      // closing both ends is the cut
    }
    return total;
  }
}
