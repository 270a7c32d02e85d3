package org.procroom.gateway.drivers;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.procroom.gateway.api.WaveSegment;

/**
 * Puts a device's waveform samples on the gateway's clock. Staff events, and the record windows
 * around them, are timed by the gateway; a monitor whose clock runs 20 s behind would otherwise
 * draw the ECG of an injection 20 s before it. Each channel measures its own offset (the device's
 * time of a segment's end minus its receipt, smoothed), since one listener may hear several
 * monitors with clocks of their own. The device's timing is kept between samples: a channel's run
 * is shifted by one offset, fixed when the run starts (at its first segment and after any gap) and
 * moved only when the measured offset has moved more than {@link #TOLERANCE_MILLIS} from it (the
 * clock was set, or drifted), so the jitter of the measurement does not move samples around.
 */
final class WaveTimeline {
  static final long TOLERANCE_MILLIS = 250;
  private static final double WEIGHT = 0.2;

  private record Channel(double measuredMillis, long offsetMillis, long nextSequence) {}

  private final Map<String, Channel> channels = new HashMap<>();

  /** {@code segment} with its device time moved onto the gateway's clock. */
  synchronized WaveSegment place(WaveSegment segment) {
    if (segment.deviceTime() == null) {
      return segment;
    }
    // the segment's end: its samples were sent as they were taken
    long sample = Duration.between(segment.receivedAt(), segment.deviceTime().plus(segment.span())).toMillis();
    Channel c = channels.get(segment.channel());
    double measured = c == null ? sample : c.measuredMillis() + WEIGHT * (sample - c.measuredMillis());
    long offset;
    if (c == null || segment.gapBefore() != null || segment.firstSequence() != c.nextSequence()
        || Math.abs(measured - c.offsetMillis()) > TOLERANCE_MILLIS) {
      offset = Math.round(measured);
    } else {
      offset = c.offsetMillis();
    }
    channels.put(segment.channel(), new Channel(measured, offset, segment.nextSequence()));
    return segment.retimed(segment.deviceTime().minusMillis(offset));
  }
}
