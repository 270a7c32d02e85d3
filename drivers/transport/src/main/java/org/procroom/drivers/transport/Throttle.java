package org.procroom.drivers.transport;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lets a repeated complaint through once per key (usually the peer) per interval and counts the
 * rest, so a flood of bad input cannot flood the log or the record. The keys kept are bounded:
 * past the bound, new keys share one entry.
 */
public final class Throttle {
  static final int MAX_KEYS = 1024;
  static final String OTHERS = "(other peers)";

  private record Entry(long windowStart, long held) {}

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  public Throttle(Duration interval) {
    this(interval, System::nanoTime);
  }

  Throttle(Duration interval, LongSupplier nanoTime) {
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * -1 when this key already passed within the interval (the call is counted); otherwise how many
   * calls were held back since it last passed.
   */
  public long pass(String key) {
    String k = entries.size() >= MAX_KEYS && !entries.containsKey(key) ? OTHERS : key;
    long now = nanoTime.getAsLong();
    long[] result = {-1};
    entries.compute(k, (ignored, e) -> {
      if (e == null || now - e.windowStart() >= intervalNanos) {
        result[0] = e == null ? 0 : e.held();
        return new Entry(now, 0);
      }
      return new Entry(e.windowStart(), e.held() + 1);
    });
    if (entries.size() >= MAX_KEYS) {
      entries.entrySet().removeIf(e -> now - e.getValue().windowStart() >= intervalNanos);
    }
    return result[0];
  }

  /** The interval in seconds, for messages such as "12 more in the last 60 s". */
  public long intervalSeconds() {
    return intervalNanos / 1_000_000_000L;
  }

  /** {@code message}, with the count of held-back ones when there were any. */
  public String withCount(String message, long held) {
    return held > 0 ? message + " (and " + held + " more like it in the last " + intervalSeconds() + " s)" : message;
  }
}
