package org.procroom.gateway.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.waves.StoredWave;
import org.procroom.simulators.vitals.IntellivueSimulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.MosquittoBroker;

/**
 * The simulated IntelliVue's real-time sample arrays over loopback UDP -> the driver -> the wave
 * store and the live topic on Mosquitto: ECG, pleth and respiration, their periods and scale,
 * every sample numbered once, and wave results the monitor held back kept as a stated gap.
 */
class IntellivueWaveformTest {
  @TempDir Path dir;
  private MosquittoBroker broker;
  private Room room;
  private IntellivueSimulator monitor;

  @org.junit.jupiter.api.BeforeEach
  void aRoomWithAMonitor() throws Exception {
    broker = MosquittoBroker.start(dir.resolve("broker"));
    room = new Room(dir, broker.url());
    monitor = IntellivueSimulator.lan(0, PhysiologyScript.calm(), Duration.ZERO, ZoneId.systemDefault());
    room.writeConfig(Room.intellivue(monitor.port(), ""));
  }

  @org.junit.jupiter.api.AfterEach
  void closeTheRoom() throws Exception {
    monitor.close();
    room.close();
    broker.close();
  }

  @Test
  void wavesAreKeptPublishedAndTheirGapsStated() throws Exception {
    try (FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/+/waves/#")) {
      try (Gateway gateway = room.startGateway()) {
        Instant from = Instant.now().minusSeconds(5);
        Await.until(Duration.ofSeconds(20), () -> ecgSamples(gateway, from) >= 1500,
            () -> "not 3 s of ECG in the wave store; associations: " + monitor.associations());
        monitor.dropWaves(4); // one second of results not sent, the monitor's time moving on
        Await.until(Duration.ofSeconds(10), () -> waves(gateway, from).stream()
            .anyMatch(w -> w.segment().gapBefore() != null), () -> "no gap stated after the held-back results");
        Await.until(Duration.ofSeconds(10), () -> ecgSamples(gateway, from) >= 4000, () -> "the ECG did not go on");

        Map<String, List<StoredWave>> byChannel = waves(gateway, from).stream()
            .collect(Collectors.groupingBy(w -> w.segment().channel()));
        assertEquals(java.util.Set.of("II", "Pleth", "Resp"), byChannel.keySet());
        StoredWave ecg = byChannel.get("II").get(0);
        assertEquals(List.of("MDC_ECG_ELEC_POTL_II", "mV", Duration.ofMillis(2)),
            List.of(ecg.segment().code(), ecg.segment().unit(), ecg.segment().samplePeriod()));
        assertEquals(Duration.ofMillis(8), byChannel.get("Pleth").get(0).segment().samplePeriod());
        assertEquals(Duration.ofMillis(16), byChannel.get("Resp").get(0).segment().samplePeriod());
        double peak = 0;
        for (StoredWave w : byChannel.get("II")) {
          for (int i = 0; i < w.segment().size(); i++) {
            peak = Math.max(peak, w.segment().value(i));
          }
        }
        assertTrue(peak > 0.8 && peak < 1.3, "R waves of about 1.1 mV: " + peak);

        List<StoredWave> ii = byChannel.get("II");
        long next = ii.get(0).segment().firstSequence();
        long gaps = 0;
        for (StoredWave w : ii) {
          if (w.segment().gapBefore() != null) {
            gaps++;
            assertEquals(512, w.segment().gapBefore().missing(), "four results of 128 samples held back");
            assertTrue(w.segment().gapBefore().cause().startsWith("the monitor's samples resumed"),
                w.segment().gapBefore().cause());
            next += w.segment().gapBefore().missing();
          }
          assertEquals(next, w.segment().firstSequence(), "each row begins where the last ended, or after its gap");
          assertTrue(w.segment().deviceTime() != null && !w.start().isAfter(Instant.now()),
              "placed by the monitor's clock, never in the future: " + w.start());
          next = w.segment().nextSequence();
        }
        assertEquals(1, gaps);
        assertEquals(0, gateway.waves().counts().duplicates());
        java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        JsonNode waves = new com.fasterxml.jackson.databind.ObjectMapper().readTree(health.body()).path("waves");
        assertEquals(List.of("UP", "3"), List.of(waves.path("status").asText(), waves.path("gaps").asText()),
            () -> "the held-back second is one gap in each of the three channels: " + waves);
        assertTrue(waves.path("samples").asLong() >= 4000 && waves.path("livePublished").asLong() > 0, waves::toString);

        Await.until(Duration.ofSeconds(5), () -> feed.all().stream()
            .anyMatch(m -> m.topic().endsWith("/waves/monitor-1/ii")), () -> "no live ECG on the waves topic");
        JsonNode live = feed.all().stream().filter(m -> m.topic().endsWith("/waves/monitor-1/ii")).findFirst()
            .orElseThrow().json();
        assertEquals(List.of("monitor-1", "II", "MDC_ECG_ELEC_POTL_II", "2000.0"), List.of(live.path("deviceId").asText(),
            live.path("channel").asText(), live.path("code").asText(), live.path("samplePeriodUs").asText()));
        assertEquals(128, live.path("samples").size());
        assertEquals(java.util.Set.of(), new org.procroom.testkit.FeedSchemas().waveProblems(live), live::toString);
      }
    }
  }

  /** An injection's window (10 s before, up to the close) reaches the chart as SampledData, in the FHIR bundle on the feed. */
  @Test
  void anInjectionsWindowGoesWithTheRecord() throws Exception {
    try (FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/+/records/#")) {
      try (Gateway gateway = room.startGateway()) {
        String id = gateway.store().openProcedure("TPI", "MRN-5", Instant.now()).join().id();
        Await.until(Duration.ofSeconds(20), () -> ecgSamples(gateway, Instant.now().minusSeconds(30)) >= 2500
            && !gateway.store().events(id).join().isEmpty(), () -> "not 5 s of ECG");
        Instant injected = gateway.clock().now();
        gateway.store().appendToRecord(id, new org.procroom.gateway.store.EventSource("staff", "staff"),
            "staff.injection", new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"site\":\"left upper"
                + " trapezius\",\"drugs\":[\"lidocaine 1%\"],\"volumeMl\":1,\"enteredBy\":\"dr-lee\"}"), injected).get();
        Thread.sleep(2000);
        gateway.records().close(id).toCompletableFuture().get();
        Await.until(Duration.ofSeconds(15), () -> !feed.all().isEmpty(), () -> "no bundle on the feed");
        JsonNode ecg = null;
        for (JsonNode entry : feed.all().get(0).json().path("entry")) {
          JsonNode r = entry.path("resource");
          if (r.has("valueSampledData") && r.path("code").path("text").asText().equals("II")) {
            ecg = r;
          }
        }
        assertTrue(ecg != null, "no ECG window in the bundle");
        assertEquals("131330", ecg.path("code").path("coding").path(0).path("code").asText());
        Instant start = Instant.parse(ecg.path("effectivePeriod").path("start").asText().replace("+00:00", "Z"));
        assertTrue(!start.isBefore(injected.minusSeconds(10).minusMillis(2)) && start.isBefore(injected),
            "the window begins 10 s before the injection, or where the samples begin: " + start + " vs " + injected);
        String[] samples = ecg.path("valueSampledData").path("data").asText().split(" ");
        assertTrue(samples.length > 3000, "seconds of ECG: " + samples.length);
        assertEquals(2.0, ecg.path("valueSampledData").path("period").asDouble());
      }
    }
  }

  private static List<StoredWave> waves(Gateway gateway, Instant from) {
    gateway.waves().flush();
    return gateway.waves().read(from, Instant.now().plusSeconds(60), "monitor-1");
  }

  private static long ecgSamples(Gateway gateway, Instant from) {
    return waves(gateway, from).stream().filter(w -> w.segment().channel().equals("II"))
        .mapToLong(w -> w.segment().size()).sum();
  }
}
