package org.procroom.gateway.waves;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.procroom.gateway.api.WaveSegment;

/**
 * Consecutive segments of one channel gathered into one stored row (about a second's worth), so
 * the store holds a row per channel per period, not per sample or per device message. A segment
 * joins only where nothing would be re-timed: same scale and flags, no gap, and its own device time
 * within a sample period of where the row's samples put it.
 */
final class WaveRow {
  final String deviceId;
  private WaveSegment first;
  private int[] samples;
  private int size;
  private java.time.Instant lastReceivedAt;
  final long openedNanos;

  WaveRow(String deviceId, WaveSegment first, long openedNanos) {
    this.deviceId = deviceId;
    this.first = first;
    this.samples = first.samples();
    this.size = samples.length;
    this.lastReceivedAt = first.receivedAt();
    this.openedNanos = openedNanos;
  }

  boolean joins(WaveSegment s) {
    if (s.gapBefore() != null || s.firstSequence() != first.firstSequence() + size
        || !s.samplePeriod().equals(first.samplePeriod()) || s.scale() != first.scale() || s.offset() != first.offset()
        || !Objects.equals(s.code(), first.code()) || !Objects.equals(s.mdc(), first.mdc()) || !Objects.equals(s.unit(), first.unit())
        || !s.flags().equals(first.flags()) || (s.deviceTime() == null) != (first.deviceTime() == null)) {
      return false;
    }
    if (s.deviceTime() == null) {
      return true;
    }
    Duration drift = Duration.between(first.deviceTime().plus(first.samplePeriod().multipliedBy(size)), s.deviceTime()).abs();
    return drift.compareTo(first.samplePeriod()) <= 0;
  }

  void add(WaveSegment s) {
    if (size + s.size() > samples.length) {
      samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + s.size()));
    }
    for (int i = 0; i < s.size(); i++) {
      samples[size + i] = s.raw(i);
    }
    size += s.size();
    lastReceivedAt = s.receivedAt();
  }

  Duration span() {
    return first.samplePeriod().multipliedBy(size);
  }

  StoredWave toStored() {
    return new StoredWave(deviceId, new WaveSegment(first.channel(), first.code(), first.mdc(), first.unit(), first.samplePeriod(),
        first.scale(), first.offset(), first.firstSequence(), first.deviceTime(),
        first.deviceTime() == null ? lastReceivedAt : first.receivedAt(),
        Arrays.copyOf(samples, size), first.flags(), first.gapBefore()));
  }
}
