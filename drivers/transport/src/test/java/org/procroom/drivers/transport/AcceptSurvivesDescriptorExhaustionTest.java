package org.procroom.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.procroom.testkit.Await;

/**
 * A listener in a child JVM limited to 256 descriptors: connections past the limit make
 * {@code accept()} fail with "Too many open files". The listener reports that it is not accepting,
 * keeps trying, and once the connections are gone takes and serves a new one.
 */
class AcceptSurvivesDescriptorExhaustionTest {
  @Test
  void acceptFailsWhileDescriptorsAreExhaustedAndServesAgainAfterwards() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "ulimit -n 256 && exec \"$0\" -Xss256k -XX:+UseSerialGC -cp \"$1\" "
        + EchoListenerMain.class.getName(), java, System.getProperty("java.class.path")).redirectErrorStream(true);
    Process child = pb.start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException ignored) {
        // the child ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    List<Socket> flood = new ArrayList<>();
    try {
      Await.until(Duration.ofSeconds(30), () -> lines.stream().anyMatch(l -> l.startsWith("PORT ")), () -> "child: " + lines);
      int port = Integer.parseInt(lines.stream().filter(l -> l.startsWith("PORT ")).findFirst().orElseThrow().substring(5));
      assertEcho(port);

      // Each accepted connection holds a descriptor in the child; the kernel completes handshakes beyond it.
      for (int i = 0; i < 320; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        flood.add(s);
        if (i % 50 == 49) {
          Thread.sleep(200);
        }
      }
      Await.until(Duration.ofSeconds(20), () -> lines.stream().anyMatch(l -> l.startsWith("ACCEPTING")),
          () -> "accept never failed after " + flood.size() + " connections: " + lines);
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("ACCEPTING") && l.contains("Too many open files")),
          "the reason names the exhausted descriptors: " + lines);
      assertTrue(child.isAlive(), "the child kept running");

      for (Socket s : flood) {
        s.close();
      }
      flood.clear();
      int listeningBefore = (int) lines.stream().filter(l -> l.startsWith("LISTENING")).count();
      Await.until(Duration.ofSeconds(20), () -> lines.stream().filter(l -> l.startsWith("LISTENING")).count()
          > listeningBefore, () -> "the listener never reported accepting again: " + lines);
      assertEcho(port);
      assertTrue(lines.stream().noneMatch(l -> l.startsWith("FAILED")), "it never gave up: " + lines);
    } finally {
      for (Socket s : flood) {
        s.close();
      }
      child.getOutputStream().close();
      child.destroy();
      child.waitFor();
    }
  }

  private static void assertEcho(int port) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.setSoTimeout(10_000);
      byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
      s.getOutputStream().write(hello);
      assertArrayEquals(hello, s.getInputStream().readNBytes(hello.length), "echoed");
    }
  }
}
