package org.procroom.gateway.waves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.WaveSegment;

class ContinuityTest {
  private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");
  private final Continuity continuity = new Continuity();

  static WaveSegment segment(long first, int... samples) {
    return new WaveSegment("II", "MDC_ECG_ELEC_POTL_II", 131330, "mV", Duration.ofMillis(2), 0.005, -40.96, first,
        T.plusMillis(2 * first), T.plusMillis(2 * first), samples, List.of(), null);
  }

  @Test
  void samplesAlreadyKeptAreCutOffAndCounted() {
    continuity.check("m", segment(0, 1, 2, 3, 4));
    Continuity.Checked c = continuity.check("m", segment(2, 3, 4, 5, 6));
    assertEquals(2, c.duplicates());
    WaveSegment kept = c.segment().orElseThrow();
    assertEquals(4, kept.firstSequence());
    assertArrayEquals(new int[] {5, 6}, kept.samples());
    assertEquals(T.plusMillis(8), kept.deviceTime(), "the first kept sample's own time");
  }

  @Test
  void aWholeRepeatIsNotKept() {
    continuity.check("m", segment(0, 1, 2, 3, 4));
    Continuity.Checked c = continuity.check("m", segment(0, 1, 2, 3, 4));
    assertTrue(c.segment().isEmpty());
    assertEquals(4, c.duplicates());
  }

  @Test
  void aJumpTheDriverDidNotStateBecomesAGap() {
    continuity.check("m", segment(0, 1, 2));
    Continuity.Checked c = continuity.check("m", segment(10, 7));
    assertEquals(8, c.unannounced());
    assertEquals(new WaveSegment.Gap(8, "samples missing from the device's stream (its sequence jumped without a"
        + " stated cause)"), c.segment().orElseThrow().gapBefore());
  }

  @Test
  void channelsAndDevicesAreCountedApart() {
    continuity.check("m1", segment(0, 1, 2));
    Continuity.Checked other = continuity.check("m2", segment(0, 1, 2));
    assertEquals(0, other.duplicates());
    assertNull(other.segment().orElseThrow().gapBefore());
  }
}
