package org.procroom.gateway.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect delay with jitter, so that a room full of devices does not hammer a port
 * or broker in lock-step. {@link #reset()} after a successful connection.
 */
public final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private long nextMillis;

  public Backoff(Duration initial, Duration max) {
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(initialMillis, max.toMillis());
    this.nextMillis = initialMillis;
  }

  /** The delay before the next attempt; each call doubles the following one up to the maximum. */
  public Duration next() {
    long base = nextMillis;
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    long jitter = base / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 5);
    return Duration.ofMillis(Math.min(maxMillis, base + jitter));
  }

  public void reset() {
    nextMillis = initialMillis;
  }
}
