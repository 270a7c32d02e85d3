package org.procroom.gateway.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.waves.StoredWave;
import org.procroom.simulators.cable.VirtualSerialCable;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.simulators.vitals.S5Simulator;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.MosquittoBroker;

/**
 * The S/5 simulator on a socat pty: the gateway requests the default waveforms on connect and
 * stores ECG, invasive pressure, pleth, CO2 and respiration at the specification's rates and
 * units, every row contiguous or after a stated gap (two records dropped, the next one saying
 * WF_STATUS_GAP); the live feed carries them.
 */
class S5WaveformsOverSerialTest {
  @TempDir Path dir;

  @Test
  void theDefaultWaveformsAreRequestedStoredAndStreamed() throws Exception {
    Instant from = Instant.now().minusSeconds(5);
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/+/waves/#");
         Room room = new Room(dir, broker.url());
         VirtualSerialCable cable = VirtualSerialCable.open(dir.resolve("pty"), "monitor-1")) {
      room.writeConfig("""
          monitor-1:
            type: ge-s5
            port: %s
            requestInterval: 1s
          """.formatted(cable.gatewayEnd()));
      try (Gateway gateway = room.startGateway();
           S5Simulator monitor = new S5Simulator(cable.deviceEnd().toString(), PhysiologyScript.calm(), Duration.ZERO)) {
        Await.until(Duration.ofSeconds(15), () -> samples(gateway, from, "ECG1") >= 900, () -> "ECG: " + samples(gateway, from, "ECG1"));
        assertEquals(1, monitor.waveRequests(), "one waveform request on connect");
        monitor.dropWaves(2);
        long before = samples(gateway, from, "ECG1");
        Await.until(Duration.ofSeconds(15), () -> samples(gateway, from, "ECG1") >= before + 900, () -> "ECG after the drop");

        Map<String, List<StoredWave>> rows = waves(gateway, from).stream()
            .collect(Collectors.groupingBy(w -> w.segment().channel()));
        assertEquals(java.util.Set.of("ECG1", "INVP1", "PLETH", "CO2", "RESP"), rows.keySet());
        StoredWave ecg = rows.get("ECG1").get(0);
        assertEquals(List.of(Duration.ofNanos(3_333_333), "mV", 0.001), List.of(ecg.segment().samplePeriod(),
            ecg.segment().unit(), ecg.segment().scale()));
        assertEquals(Duration.ofMillis(40), rows.get("CO2").get(0).segment().samplePeriod());
        assertEquals("MDC_AWAY_CO2", rows.get("CO2").get(0).segment().code());
        double peakR = rows.get("ECG1").stream().flatMapToDouble(w -> java.util.stream.IntStream
            .range(0, w.segment().size()).mapToDouble(w.segment()::value)).max().orElseThrow();
        assertTrue(peakR > 0.9 && peakR < 1.3, "the R wave, about 1.1 mV: " + peakR);
        double maxPressure = rows.get("INVP1").stream().flatMapToDouble(w -> java.util.stream.IntStream
            .range(0, w.segment().size()).mapToDouble(w.segment()::value)).max().orElseThrow();
        assertTrue(maxPressure > 100 && maxPressure < 140, "arterial systole in mmHg: " + maxPressure);

        for (List<StoredWave> channel : rows.values()) {
          long next = channel.get(0).segment().firstSequence();
          int gaps = 0;
          for (StoredWave w : channel) {
            assertEquals(next, w.segment().firstSequence(), "contiguous: " + w.segment());
            if (w.segment().gapBefore() != null) {
              gaps++;
              assertTrue(w.segment().gapBefore().cause().contains("WF_STATUS_GAP"), w.segment().gapBefore().cause());
            }
            next = w.segment().nextSequence();
          }
          assertEquals(1, gaps, "the dropped records, once, in " + channel.get(0).segment().channel());
        }
        assertNull(rows.get("ECG1").get(0).segment().gapBefore(), "the first record's gap bit has nothing before it");

        Await.until(Duration.ofSeconds(5), () -> feed.all().stream().anyMatch(m -> m.topic().endsWith("/waves/monitor-1/ecg1")),
            () -> "no live ECG");
        JsonNode live = feed.all().stream().filter(m -> m.topic().endsWith("/waves/monitor-1/ecg1")).findFirst()
            .orElseThrow().json();
        assertEquals(java.util.Set.of(), new FeedSchemas().waveProblems(live), live::toString);
      }
    }
  }

  private static List<StoredWave> waves(Gateway gateway, Instant from) {
    gateway.waves().flush();
    return gateway.waves().read(from, Instant.now().plusSeconds(60), "monitor-1");
  }

  private static long samples(Gateway gateway, Instant from, String channel) {
    return waves(gateway, from).stream().filter(w -> w.segment().channel().equals(channel))
        .mapToLong(w -> w.segment().size()).sum();
  }
}
