package org.procroom.gateway.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Room;
import org.procroom.gateway.ScanFeeder;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;
import org.procroom.gateway.store.StoreReader;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * The gateway process is killed with SIGKILL at random moments of a scan burst and restarted,
 * several times. Afterwards the record is intact (the procedure stayed open, record sequence
 * numbers gap-free, every event id once), the outbox drained, and the subscriber has every
 * committed event, duplicates only as identical re-deliveries, in order per device.
 */
class GatewayKilledMidBurstTest {
  private static final int KILLS = 4;

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void recordAndFeedSurviveRepeatedKills() throws Exception {
    int httpPort = FreePort.pick();
    Random random = new Random(42);
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/#");
         Room room = new Room(dir, broker.url())) {
      room.writeConfig("");
      room.env().put("PROCROOM_HTTP_PORT", String.valueOf(httpPort));
      Process gateway = startGateway(room, httpPort, 0);
      String procedureId = post(httpPort, "/api/procedures", "{\"procedureType\":\"TPI\",\"patientRef\":\"MRN-K\"}")
          .path("id").asText();
      try (ScanFeeder feeder = new ScanFeeder(room.scanner, 40)) {
        for (int kill = 1; kill <= KILLS; kill++) {
          Thread.sleep(800 + random.nextInt(1500));
          gateway.destroyForcibly();
          assertTrue(gateway.waitFor(10, TimeUnit.SECONDS), "killed");
          gateway = startGateway(room, httpPort, kill);
        }
        Thread.sleep(1000);
      }
      Await.until(Duration.ofSeconds(30), () -> outboxDepth(httpPort) == 0, () -> "outbox not drained");
      gateway.destroy();
      assertTrue(gateway.waitFor(20, TimeUnit.SECONDS), "stopped on SIGTERM");

      Path db = room.dir.resolve("data/procroom.db");
      List<DeviceEvent> all;
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
        Optional<Procedure> procedure = StoreReader.procedure(c, procedureId);
        assertEquals(Procedure.State.OPEN, procedure.orElseThrow().state(), "the procedure resumed after every kill");
        List<DeviceEvent> record = StoreReader.events(c, procedureId);
        for (int i = 0; i < record.size(); i++) {
          assertEquals(i + 1, record.get(i).recordSeq(), "record sequence is gap-free");
        }
        all = StoreReader.events(c, null);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox WHERE confirmed_us IS NULL")) {
          rs.next();
          assertEquals(0, rs.getInt(1), "outbox drained");
        }
      }
      Set<String> ids = new HashSet<>();
      all.forEach(e -> assertTrue(ids.add(e.eventId()), "event id stored once: " + e.eventId()));
      long scansStored = all.stream().filter(e -> e.type().equals("barcode.scan")).count();
      assertTrue(scansStored > 100, "the burst was recorded across restarts: " + scansStored);

      Await.until(Duration.ofSeconds(20), () -> feed.distinctEvents().keySet().containsAll(ids),
          () -> "committed events missing from the feed: " + ids.stream()
              .filter(id -> !feed.distinctEvents().containsKey(id)).count());
      Map<String, JsonNode> firstCopy = new HashMap<>();
      for (JsonNode e : feed.events()) {
        JsonNode first = firstCopy.putIfAbsent(e.path("eventId").asText(), e);
        if (first != null) {
          assertEquals(first, e, "a duplicate is an identical re-delivery");
        }
      }
      long offline = feed.all().stream().filter(m -> m.topic().endsWith("/status"))
          .filter(m -> m.json().path("state").asText().equals("offline")).count();
      assertTrue(offline >= KILLS, "the last will announced each killed gateway offline: " + offline);

      int previousScan = -1;
      long previousSeq = 0;
      for (JsonNode e : feed.distinctEvents().values()) {
        if (!e.path("device").path("id").asText().equals("scanner-1")) {
          continue;
        }
        assertTrue(e.path("seq").asLong() > previousSeq, "order per device preserved");
        previousSeq = e.path("seq").asLong();
        if (e.path("type").asText().equals("barcode.scan")) {
          int n = ScanFeeder.number(e.path("payload").path("data").asText());
          assertTrue(n > previousScan, "scans in scan order");
          previousScan = n;
        }
      }
    }
  }

  private Process startGateway(Room room, int httpPort, int generation) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.procroom.gateway.cli.Main",
        "run", "--config", room.configFile().toString());
    pb.environment().putAll(room.env());
    pb.environment().put("PROCROOM_HOME", room.dir.toString());
    pb.redirectErrorStream(true).redirectOutput(room.dir.resolve("gateway-" + generation + ".log").toFile());
    Process process = pb.start();
    Await.until(Duration.ofSeconds(30), () -> health(httpPort), () -> "gateway " + generation + " not healthy; see "
        + room.dir.resolve("gateway-" + generation + ".log") + File.separator);
    return process;
  }

  private boolean health(int port) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && EventJson.parse(r.body()).path("mqtt").path("status").asText().equals("CONNECTED");
    } catch (Exception e) {
      return false;
    }
  }

  private long outboxDepth(int port) {
    try {
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      return metrics.lines().filter(l -> l.startsWith("procroom_outbox_depth ")).mapToLong(
          l -> Long.parseLong(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    } catch (Exception e) {
      return -1;
    }
  }

  private JsonNode post(int port, String path, String json) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return EventJson.parse(r.body());
  }
}
