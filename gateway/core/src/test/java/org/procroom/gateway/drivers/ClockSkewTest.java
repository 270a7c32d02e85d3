package org.procroom.gateway.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockSkewTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void firstSampleIsTakenAsIsThenSmoothed() {
    ClockSkew skew = new ClockSkew();
    skew.sample(T0.plusSeconds(90), T0);
    assertEquals(new ClockSkew.Snapshot(1, 90_000, 90_000.0), skew.snapshot(), "device 90 s ahead");
    skew.sample(T0.plusSeconds(100), T0);
    assertEquals(100_000, skew.snapshot().lastMillis());
    assertEquals(92_000.0, skew.snapshot().smoothedMillis(), 1e-9, "one noisy sample moves the estimate by a fifth");
  }

  @Test
  void deviceBehindTheGatewayIsNegative() {
    ClockSkew skew = new ClockSkew();
    skew.sample(T0.minusMillis(1500), T0);
    assertEquals(-1500, skew.snapshot().lastMillis());
  }
}
