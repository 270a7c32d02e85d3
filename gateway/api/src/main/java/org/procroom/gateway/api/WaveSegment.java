package org.procroom.gateway.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A run of consecutive samples of one waveform channel of one device, as the device sent them:
 * raw values with the scale that makes them physical ({@code value = raw * scale + offset}), the
 * sample period, and where the run sits in the channel's stream. {@code firstSequence} counts the
 * channel's samples since the driver began receiving it: the next segment starts where this one
 * ends, unless it states a {@link Gap}. Nothing is zero-filled, repeated or re-timed: what is missing
 * is a gap with its cause.
 *
 * @param channel       the device's name for the channel ({@code ECG II}, {@code Pleth})
 * @param code          MDC reference id ({@code MDC_ECG_ELEC_POTL_II}), or null where the device names none
 * @param mdc           the term's numeric code ({@code 131330}), or null where {@code code} is not an MDC term
 * @param unit          UCUM unit of the scaled values, or null where the device states none
 * @param samplePeriod  time between two samples, as the device states it
 * @param deviceTime    the time of the first sample by the device's clock, or null when it sends none; the
 *                      gateway moves it onto its own clock by the device's measured offset before storing
 * @param receivedAt    when the gateway received the bytes that carried the segment; where the device sends no
 *                      time, the segment's last sample is taken as sent then (streams arrive as they are sampled)
 * @param flags         the device's statements about the samples ({@code demo}, {@code invalid},
 *                      {@code questionable}, {@code calibrating}); empty when they are plain measurements
 * @param gapBefore     samples that belong before this segment and never came, or null when it
 *                      continues the previous segment
 */
public record WaveSegment(String channel, String code, Integer mdc, String unit, Duration samplePeriod, double scale, double offset,
    long firstSequence, Instant deviceTime, Instant receivedAt, int[] samples, List<String> flags, Gap gapBefore) {

  /** Samples missing before a segment: how many (estimated from the time between where known) and why. */
  public record Gap(long missing, String cause) {
    public Gap {
      Objects.requireNonNull(cause, "cause");
      if (missing < 0) {
        throw new IllegalArgumentException("a gap misses a count of samples >= 0, not " + missing);
      }
    }

    /** {@code before} (null for none) with {@code missing} more samples, for {@code cause}. */
    public static Gap join(Gap before, long missing, String cause) {
      return before == null ? new Gap(missing, cause) : new Gap(before.missing + missing, before.cause + "; " + cause);
    }
  }

  public WaveSegment {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(samplePeriod, "samplePeriod");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (samplePeriod.isNegative() || samplePeriod.isZero()) {
      throw new IllegalArgumentException("sample period must be positive: " + samplePeriod);
    }
    if (firstSequence < 0) {
      throw new IllegalArgumentException("first sequence must be >= 0: " + firstSequence);
    }
    samples = samples.clone();
    flags = List.copyOf(flags);
  }

  @Override
  public int[] samples() {
    return samples.clone();
  }

  public int size() {
    return samples.length;
  }

  public int raw(int index) {
    return samples[index];
  }

  public double value(int index) {
    return samples[index] * scale + offset;
  }

  /** The time the segment's samples cover: a sample period for each. */
  public Duration span() {
    return samplePeriod.multipliedBy(samples.length);
  }

  /** The sequence number just after this segment's last sample: where the next one should begin. */
  public long nextSequence() {
    return firstSequence + samples.length;
  }

  /** The same samples, numbered from {@code sequence} and preceded by {@code gap}. */
  public WaveSegment renumbered(long sequence, Gap gap) {
    return new WaveSegment(channel, code, mdc, unit, samplePeriod, scale, offset, sequence, deviceTime, receivedAt, samples,
        flags, gap);
  }

  /** The same samples with the first one's device time moved to {@code time}. */
  public WaveSegment retimed(Instant time) {
    return new WaveSegment(channel, code, mdc, unit, samplePeriod, scale, offset, firstSequence, time, receivedAt, samples,
        flags, gapBefore);
  }

  /** The same samples with one more flag ({@code other-patient}: kept, but no record holds them). */
  public WaveSegment withFlag(String flag) {
    List<String> more = new java.util.ArrayList<>(flags);
    more.add(flag);
    return new WaveSegment(channel, code, mdc, unit, samplePeriod, scale, offset, firstSequence, deviceTime, receivedAt,
        samples, more, gapBefore);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WaveSegment w && channel.equals(w.channel) && Objects.equals(code, w.code)
        && Objects.equals(mdc, w.mdc) && Objects.equals(unit, w.unit) && samplePeriod.equals(w.samplePeriod) && scale == w.scale
        && offset == w.offset && firstSequence == w.firstSequence && Objects.equals(deviceTime, w.deviceTime)
        && receivedAt.equals(w.receivedAt) && Arrays.equals(samples, w.samples) && flags.equals(w.flags)
        && Objects.equals(gapBefore, w.gapBefore);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, firstSequence, receivedAt, Arrays.hashCode(samples));
  }

  @Override
  public String toString() {
    return "WaveSegment[" + channel + " #" + firstSequence + " x" + samples.length + " every " + samplePeriod
        + (gapBefore == null ? "" : ", after a gap of " + gapBefore.missing() + " (" + gapBefore.cause() + ")") + "]";
  }
}
