package org.procroom.gateway.drivers;

import java.time.Duration;
import java.time.Instant;

/**
 * A device's clock offset: device time minus gateway receive time. Transport delay and device
 * jitter make single samples noisy, so the estimate is smoothed (exponentially weighted, the
 * first sample taken as is); the latest raw sample is kept too.
 */
public final class ClockSkew {
  private static final double WEIGHT = 0.2;

  private double smoothedMillis;
  private long lastMillis;
  private long samples;

  public synchronized void sample(Instant deviceTime, Instant receivedAt) {
    long skew = Duration.between(receivedAt, deviceTime).toMillis();
    lastMillis = skew;
    smoothedMillis = samples == 0 ? skew : smoothedMillis + WEIGHT * (skew - smoothedMillis);
    samples++;
  }

  public record Snapshot(long samples, long lastMillis, double smoothedMillis) {}

  public synchronized Snapshot snapshot() {
    return new Snapshot(samples, lastMillis, smoothedMillis);
  }
}
