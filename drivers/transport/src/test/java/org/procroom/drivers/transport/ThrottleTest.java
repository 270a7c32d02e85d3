package org.procroom.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A complaint passes once per key per interval; the next to pass says how many were held back. */
class ThrottleTest {
  private long now;
  private final Throttle throttle = new Throttle(Duration.ofSeconds(60), () -> now);

  @Test
  void repeatsWithinTheIntervalAreCountedAndReportedWithTheNextOneThatPasses() {
    assertEquals(0, throttle.pass("10.0.0.9"));
    for (int i = 0; i < 49; i++) {
      assertEquals(-1, throttle.pass("10.0.0.9"));
    }
    assertEquals(0, throttle.pass("10.0.0.10"), "another peer passes at once");
    now += Duration.ofSeconds(60).toNanos();
    assertEquals(49, throttle.pass("10.0.0.9"));
    assertEquals("bad frame (and 49 more like it in the last 60 s)", throttle.withCount("bad frame", 49));
  }

  @Test
  void aFloodFromManyAddressesKeepsTheTableBounded() {
    int passed = 0;
    for (int i = 0; i < 100_000; i++) {
      if (throttle.pass("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255)) >= 0) {
        passed++;
      }
    }
    assertTrue(passed <= Throttle.MAX_KEYS + 1, passed + " complaints passed from a flood of new addresses");
  }
}
