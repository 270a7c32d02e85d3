package org.procroom.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Once the ceiling reaches the cap, delays still spread over the whole range below it. */
class BackoffSpreadsBelowTheCapTest {
  @Test
  void delaysAtTheCapAreSpreadNotEqual() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    for (int i = 0; i < 10; i++) {
      backoff.next(); // past the cap: 500 ms doubled ten times
    }
    Set<Long> seen = new HashSet<>();
    long below15s = 0;
    for (int i = 0; i < 200; i++) {
      long d = backoff.next().toMillis();
      assertTrue(d >= 500 && d <= 30_000, "delay " + d + " outside [500 ms, 30 s]");
      seen.add(d / 1000);
      below15s += d < 15_000 ? 1 : 0;
    }
    assertTrue(seen.size() > 15, "200 delays at the cap fell in only " + seen.size() + " distinct seconds");
    assertTrue(below15s > 40 && below15s < 160, below15s + " of 200 delays below half the cap: not spread evenly");
  }

  @Test
  void theCeilingDoublesFromTheInitialDelayAndResets() {
    long[] highs = new long[6];
    int[] n = {0};
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), (low, high) -> {
      assertEquals(100, low);
      highs[n[0]++] = high;
      return high;
    });
    for (int i = 0; i < 5; i++) {
      backoff.next();
    }
    backoff.reset();
    backoff.next();
    assertEquals(java.util.List.of(100L, 200L, 400L, 800L, 1000L, 100L), java.util.Arrays.stream(highs).boxed().toList());
  }
}
