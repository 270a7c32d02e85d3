package org.procroom.gateway.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongBinaryOperator;

/**
 * Exponential reconnect delay with full jitter: each delay is drawn evenly between the initial
 * delay and a ceiling that doubles up to the maximum, so that a room full of devices spreads out
 * instead of reconnecting in lock-step, also once the ceiling has reached the maximum.
 * {@link #reset()} after a successful connection.
 */
public final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final LongBinaryOperator random;
  private long ceilingMillis;

  public Backoff(Duration initial, Duration max) {
    this(initial, max, (low, high) -> ThreadLocalRandom.current().nextLong(low, high + 1));
  }

  /** With {@code random} giving a number in [low, high], for tests. */
  Backoff(Duration initial, Duration max, LongBinaryOperator random) {
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(initialMillis, max.toMillis());
    this.random = random;
    this.ceilingMillis = initialMillis;
  }

  /** The delay before the next attempt, between the initial delay and the current ceiling; the ceiling then doubles. */
  public Duration next() {
    long ceiling = ceilingMillis;
    ceilingMillis = Math.min(maxMillis, ceilingMillis * 2);
    return Duration.ofMillis(random.applyAsLong(initialMillis, ceiling));
  }

  public void reset() {
    ceilingMillis = initialMillis;
  }
}
