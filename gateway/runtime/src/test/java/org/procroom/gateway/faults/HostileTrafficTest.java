package org.procroom.gateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Room;
import org.procroom.gateway.store.EventJson;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * Random and mutated bytes from several connections at every listening port (MLLP, DICOM, MPPS,
 * HTTP) of a gateway in its own JVM, as an attacker on the room's network would send them. During
 * the flood the allowed monitor's messages are still taken; within 10 s after it each listener
 * takes a valid message (an ORU, a C-ECHO, a C-STORE, an HTTP sign-in); {@code /health} never says
 * a driver is down, and the log grows by a bounded amount. Length: {@code procroom.flood.seconds}
 * (15 here; the bench runs it for minutes).
 */
class HostileTrafficTest {
  private static final int FLOOD_SECONDS = Integer.getInteger("procroom.flood.seconds", 15);
  private static final int CONNECTIONS_PER_PORT = 3;
  private static final long LOG_BUDGET_BYTES = 256 * 1024;

  @TempDir Path dir;

  @Test
  void listenersKeepServingThroughAFloodAndAfterIt() throws Exception {
    int mllp = FreePort.pick();
    int dicom = FreePort.pick();
    int mpps = FreePort.pick();
    int http = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.pcd01(mllp, """
            allowedPeers: [127.0.0.1/32]
            """) + Room.dicomStorage(dicom, mpps, ""));
      room.addNurse(true);
      room.env().put("PROCROOM_HTTP_PORT", String.valueOf(http));
      Path log = dir.resolve("gateway.log");
      Process gateway = room.startGatewayProcess(log);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
          .build();
      String base = "http://127.0.0.1:" + http;
      List<String> healthProblems = new CopyOnWriteArrayList<>();
      AtomicBoolean flooding = new AtomicBoolean(true);
      List<Thread> threads = new ArrayList<>();
      try {
        Await.until(Duration.ofSeconds(60), () -> driversConnected(client, base), () -> "gateway did not come up");
        long logBefore = Files.size(log);
        AtomicLong junkSent = new AtomicLong();
        for (int port : new int[] {mllp, dicom, mpps, http}) {
          for (int i = 0; i < CONNECTIONS_PER_PORT; i++) {
            Thread t = new Thread(() -> flood(port, new Random(port * 31L + junkSent.get()), flooding, junkSent));
            t.setDaemon(true);
            t.start();
            threads.add(t);
          }
        }
        Thread watcher = new Thread(() -> {
          while (flooding.get()) {
            String problem = healthProblem(client, base);
            if (problem != null) {
              healthProblems.add(problem);
            }
            sleep(1000);
          }
        });
        watcher.setDaemon(true);
        watcher.start();
        int acked;
        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
            Duration.ofMillis(500), Duration.ZERO)) {
          Thread.sleep(FLOOD_SECONDS * 1000L);
          acked = (int) monitor.acknowledgements().stream().filter("AA"::equals).count();
        }
        flooding.set(false);
        for (Thread t : threads) {
          t.join(5000);
        }
        watcher.join(5000);
        assertTrue(junkSent.get() > 1000, "the flood sent " + junkSent.get() + " bytes");
        assertTrue(acked >= FLOOD_SECONDS, "the allowed monitor kept being served during the flood: " + acked + " AA; "
            + listenerMetrics(client, base));

        long after = System.nanoTime();
        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONB", PhysiologyScript.calm(),
            Duration.ofMillis(200), Duration.ZERO)) {
          Await.until(Duration.ofSeconds(10), () -> monitor.acknowledgements().contains("AA"), () -> "no ORU taken");
        }
        assertEquals(0, dcmtk("echoscu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1", String.valueOf(dicom)),
            "C-ECHO after the flood");
        Path image = org.procroom.testkit.Dcmtk.ultrasound(dir, "after-flood", "1.2.826.0.1.3680043.10.9.1",
            "MRN-1", 1, 0);
        assertEquals(0, dcmtk("storescu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1", String.valueOf(dicom),
            image.toString()), "C-STORE after the flood");
        HttpResponse<String> signIn = client.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"nurse-a\",\"pin\":\"4711\"}"))
            .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signIn.statusCode(), "sign-in after the flood: " + signIn.body());
        assertTrue(System.nanoTime() - after < Duration.ofSeconds(10).toNanos(), "every listener within 10 s");

        assertEquals(List.of(), healthProblems, "/health during the flood; the log's end:\n" + tail(log));
        long grown = Files.size(log) - logBefore;
        assertTrue(grown < LOG_BUDGET_BYTES, "the log grew by " + grown + " bytes during the flood:\n"
            + tail(log));
      } finally {
        flooding.set(false);
        gateway.destroy();
        gateway.waitFor(30, TimeUnit.SECONDS);
        // Kept as test output: what the gateway logged through the flood.
        Files.copy(log, Path.of("target", "hostile-traffic-gateway.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Random bytes, half-valid MLLP frames, truncated A-ASSOCIATE-RQs and bad HTTP, reconnecting when cut. */
  private static void flood(int port, Random random, AtomicBoolean flooding, AtomicLong sent) {
    byte[][] starts = {
        {0x0B, 'M', 'S', 'H', '|', '^', '~', '\\', '&', '|'},
        {0x01, 0x00, 0x00, 0x00, 0x00, (byte) 0xCD, 0x00, 0x01, 0x00, 0x00},
        "GET /api/procedures/current HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        ("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n").getBytes(StandardCharsets.US_ASCII)};
    while (flooding.get()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        s.setSoTimeout(200);
        OutputStream out = s.getOutputStream();
        for (int i = 0; i < 20 && flooding.get(); i++) {
          byte[] chunk = new byte[64 + random.nextInt(512)];
          random.nextBytes(chunk);
          byte[] start = starts[random.nextInt(starts.length)];
          System.arraycopy(start, 0, chunk, 0, Math.min(start.length, chunk.length));
          out.write(chunk);
          sent.addAndGet(chunk.length);
          // About 100 KB/s per connection: a flood, but one that leaves the 2-core test machine
          // able to run the gateway and the monitor (the bench floods without pause).
          sleep(Long.getLong("procroom.flood.pauseMillis", 3));
        }
      } catch (IOException cut) {
        // the gateway closed or refused it: connect again
      }
    }
  }

  private static String listenerMetrics(HttpClient client, String base) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body().lines().filter(l -> l.startsWith("procroom_listener")
              || l.startsWith("procroom_process")).reduce("", (a, b) -> a + "\n" + b);
    } catch (Exception e) {
      return "no /metrics: " + e;
    }
  }

  private static boolean driversConnected(HttpClient client, String base) {
    try {
      String body = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      var drivers = EventJson.parse(body).path("drivers");
      return drivers.path("pcd01").path("state").asText().equals("CONNECTED")
          && drivers.path("us-1").path("state").asText().equals("CONNECTED");
    } catch (Exception e) {
      return false;
    }
  }

  /** What /health says is wrong with a listener, or null; an unanswered /health counts too. */
  private static String healthProblem(HttpClient client, String base) {
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/health"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      var drivers = EventJson.parse(r.body()).path("drivers");
      for (String id : List.of("pcd01", "us-1")) {
        String state = drivers.path(id).path("state").asText();
        if (!state.equals("CONNECTED")) {
          return id + " " + state + ": " + drivers.path(id).path("reason").asText();
        }
      }
      return null;
    } catch (Exception e) {
      return java.time.LocalTime.now() + " /health did not answer: " + e;
    }
  }

  private int dcmtk(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("dcmtk.log").toFile())
        .start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
