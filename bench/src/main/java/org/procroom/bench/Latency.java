package org.procroom.bench;

import org.HdrHistogram.Histogram;

/** Percentiles of one run in milliseconds, with the number of samples they rest on. */
record Latency(long samples, double p50, double p99, double p999, double max) {
  static Latency of(Histogram h) {
    return new Latency(h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
  }
}
