package org.procroom.gateway.waves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.WaveSegment;

class WaveStripsTest {
  private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

  /** A row of {@code n} pleth samples every 8 ms, its values its sample numbers. */
  private static StoredWave row(String device, long first, int n, WaveSegment.Gap gap, String... flags) {
    return new StoredWave(device, new WaveSegment("Pleth", "MDC_PULS_OXIM_PLETH", 150452, null, Duration.ofMillis(8), 1,
        0, first, T.plusMillis(8 * first), T, IntStream.range(0, n).map(i -> (int) first + i).toArray(), List.of(flags),
        gap));
  }

  @Test
  void rowsAreCutToTheWindowAndJoinedWhereTheyContinue() {
    // rows 0-124 and 125-249 (1 s each); the window from 0.5 s to 1.5 s holds samples 63 to 187
    List<StoredWave> strips = WaveStrips.within(List.of(row("m", 0, 125, null), row("m", 125, 125, null)),
        new WaveWindow(T.plusMillis(500), T.plusMillis(1500), "injection"));
    assertEquals(1, strips.size());
    assertArrayEquals(IntStream.rangeClosed(63, 187).toArray(), strips.get(0).segment().samples());
    assertEquals(T.plusMillis(504), strips.get(0).start());
  }

  @Test
  void aGapEndsAStripAndAnotherPatientsSamplesAreLeftOut() {
    List<StoredWave> strips = WaveStrips.within(List.of(row("m", 0, 125, null),
        row("m", 200, 125, new WaveSegment.Gap(75, "held back")), row("m", 325, 125, null, WaveStrips.OTHER_PATIENT)),
        new WaveWindow(T, T.plusSeconds(10), "alarm"));
    assertEquals(List.of(0L, 200L), strips.stream().map(s -> s.segment().firstSequence()).toList());
    assertEquals(new WaveSegment.Gap(75, "held back"), strips.get(1).segment().gapBefore());
  }

  @Test
  void samplesWithoutDeviceTimeEndAtTheirReceiptAndKeepThatWhenCut() {
    // two rows of 125 samples received at 1 s and 2 s: samples 0-124 span 0-1 s, 125-249 span 1-2 s
    List<StoredWave> rows = List.of(untimed(0, T.plusSeconds(1)), untimed(125, T.plusSeconds(2)));
    assertEquals(T, rows.get(0).start());

    List<StoredWave> strips = WaveStrips.within(rows, new WaveWindow(T.plusMillis(500), T.plusMillis(1500), "injection"));

    assertEquals(1, strips.size());
    assertArrayEquals(IntStream.rangeClosed(63, 187).toArray(), strips.get(0).segment().samples());
    assertEquals(T.plusMillis(504), strips.get(0).start());
    assertEquals(T.plusMillis(1504), strips.get(0).end());
  }

  private static StoredWave untimed(long first, Instant receivedAt) {
    return new StoredWave("m", new WaveSegment("Pleth", "MDC_PULS_OXIM_PLETH", 150452, null, Duration.ofMillis(8), 1, 0,
        first, null, receivedAt, IntStream.range(0, 125).map(i -> (int) first + i).toArray(), List.of(), null));
  }
}
