package org.procroom.gateway.api;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one clock every receive time comes from: UTC, microsecond resolution, never running
 * backwards inside a process even when the system clock is stepped, so that receive order and
 * time order agree.
 */
public final class GatewayClock {
  private final Clock source;
  private final AtomicLong lastMicros = new AtomicLong(Long.MIN_VALUE);

  public GatewayClock(Clock source) {
    this.source = source;
  }

  public static GatewayClock system() {
    return new GatewayClock(Clock.systemUTC());
  }

  public Instant now() {
    Instant raw = source.instant();
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, raw);
    long stamped = lastMicros.accumulateAndGet(micros, Math::max);
    return toInstant(stamped);
  }

  public static long toMicros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  public static Instant toInstant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
