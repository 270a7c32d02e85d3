package org.procroom.gateway.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Room;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * The gateway in its own JVM, its descriptor limit lowered (prlimit) to 100 above what it holds,
 * and a socket flood that takes them all: while
 * its MLLP listener cannot accept, a scan from the serial scanner is still committed and delivered
 * over the broker link it already holds (what it accepted is never lost, and recording never
 * stops because of the network); once the flood ends the listener takes a monitor again.
 */
class RecordingGoesOnWhileDescriptorsRunOutTest {
  @TempDir Path dir;

  @Test
  void aScanIsRecordedAndDeliveredWhileTheListenerIsOutOfDescriptors() throws Exception {
    int mllp = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/room-7/events/scanner-1/#")) {
      room.writeConfig(Room.pcd01(mllp, """
          maxConnections: 256
          maxConnectionsPerPeer: 256
          admissionTimeout: 10m
          """));
      Path log = dir.resolve("gateway.log");
      Process gateway = room.startGatewayProcess(log);
      List<Socket> flood = new ArrayList<>();
      try {
        Await.until(Duration.ofSeconds(60), () -> logSays(log, "ready"), () -> "gateway not up: " + tail(log));
        // Leave the running gateway 100 descriptors more than it holds: fewer than the listener's slots.
        long open;
        try (var fds = Files.list(Path.of("/proc", String.valueOf(gateway.pid()), "fd"))) {
          open = fds.count();
        }
        Process limit = new ProcessBuilder("prlimit", "--pid", String.valueOf(gateway.pid()),
            "--nofile=" + (open + 100) + ":" + (open + 100)).inheritIO().start();
        assertTrue(limit.waitFor(10, TimeUnit.SECONDS) && limit.exitValue() == 0, "prlimit");
        // Connections the listener accepts (up to its 256 slots) or leaves in its queue until the
        // process runs out of descriptors.
        for (int i = 0; i < 250 && !logSays(log, "Too many open files"); i++) {
          Socket s = new Socket();
          flood.add(s);
          try {
            s.connect(new InetSocketAddress("127.0.0.1", mllp), 2000);
          } catch (java.net.SocketTimeoutException queueFull) {
            break; // the listener accepts no more and the kernel's queue is full
          }
          if (i % 100 == 99) {
            Thread.sleep(300);
          }
        }
        Await.until(Duration.ofSeconds(20), () -> logSays(log, "Too many open files"),
            () -> flood.size() + " connections and descriptors still free: " + tail(log));

        room.scanner.scan("]C1DURING-EXHAUSTION");
        Await.until(Duration.ofSeconds(20), () -> feed.events().stream()
            .anyMatch(e -> e.path("payload").path("data").asText().equals("DURING-EXHAUSTION")),
            () -> "the scan made while descriptors were exhausted was not delivered: " + tail(log));

        for (Socket s : flood) {
          s.close();
        }
        flood.clear();
        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
            Duration.ofMillis(200), Duration.ZERO)) {
          Await.until(Duration.ofSeconds(30), () -> monitor.acknowledgements().contains("AA"),
              () -> "the listener did not take a monitor again: " + tail(log));
        }
        assertTrue(gateway.isAlive(), "the gateway kept running");
      } finally {
        for (Socket s : flood) {
          s.close();
        }
        gateway.destroy();
        gateway.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean logSays(Path log, String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
