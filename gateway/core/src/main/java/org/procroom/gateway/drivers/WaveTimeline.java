package org.procroom.gateway.drivers;

import java.util.HashMap;
import java.util.Map;
import org.procroom.gateway.api.WaveSegment;

/**
 * Puts a device's waveform samples on the gateway's clock. Staff events, and the record windows
 * around them, are timed by the gateway; a monitor whose clock runs 20 s behind would otherwise
 * draw the ECG of an injection 20 s before it. The device's own timing is kept between samples:
 * each channel's run is shifted by one offset, fixed when the run starts (at its first segment and
 * after any gap) and moved only when the device's measured offset has moved more than
 * {@link #TOLERANCE_MILLIS} from it (its clock was set or drifted), so the jitter of the measurement
 * does not move samples around.
 */
final class WaveTimeline {
  static final long TOLERANCE_MILLIS = 250;

  private record Anchor(long offsetMillis, long nextSequence) {}

  private final Map<String, Anchor> anchors = new HashMap<>();

  /** {@code segment} with its device time moved by {@code measuredOffsetMillis} (device minus gateway). */
  synchronized WaveSegment place(WaveSegment segment, double measuredOffsetMillis) {
    if (segment.deviceTime() == null) {
      return segment;
    }
    Anchor anchor = anchors.get(segment.channel());
    long offset;
    if (anchor == null || segment.gapBefore() != null || segment.firstSequence() != anchor.nextSequence()
        || Math.abs(measuredOffsetMillis - anchor.offsetMillis()) > TOLERANCE_MILLIS) {
      offset = Math.round(measuredOffsetMillis);
    } else {
      offset = anchor.offsetMillis();
    }
    anchors.put(segment.channel(), new Anchor(offset, segment.nextSequence()));
    return segment.retimed(segment.deviceTime().minusMillis(offset));
  }
}
