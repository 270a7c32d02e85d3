package org.procroom.gateway.waves;

import java.time.Instant;
import org.procroom.gateway.api.WaveSegment;

/** A kept run of one device's channel, with the time it is charted at: the device's moved onto the gateway's clock, else its last sample at the gateway's receive time. */
public record StoredWave(String deviceId, WaveSegment segment) {
  public Instant start() {
    return segment.deviceTime() != null ? segment.deviceTime()
        : segment.receivedAt().minus(segment.span());
  }

  public Instant end() {
    return start().plus(segment.span());
  }
}
