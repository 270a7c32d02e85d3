package org.procroom.gateway.waves;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.procroom.gateway.api.WaveSegment;

/**
 * The gateway's own check of each channel's sequence, whatever the driver said: samples numbered
 * before where the channel stands are duplicates and are cut off (counted, never kept twice); a
 * jump the driver did not announce becomes a stated gap. Single-threaded: the wave writer's.
 */
final class Continuity {
  /** A segment as it is kept, with what the check found. */
  record Checked(Optional<WaveSegment> segment, int duplicates, long unannounced) {}

  private final Map<String, Long> next = new HashMap<>();

  /** The number the channel's next sample should have, or -1 before its first segment. */
  long expected(String deviceId, String channel) {
    return next.getOrDefault(deviceId + '\u0000' + channel, -1L);
  }

  Checked check(String deviceId, WaveSegment s) {
    String key = deviceId + '\u0000' + s.channel();
    Long expected = next.get(key);
    if (expected == null) {
      next.put(key, s.nextSequence());
      return new Checked(Optional.of(s), 0, 0);
    }
    if (s.firstSequence() < expected) {
      long repeated = Math.min(expected - s.firstSequence(), s.size());
      if (repeated == s.size()) {
        return new Checked(Optional.empty(), s.size(), 0);
      }
      int[] all = s.samples();
      int[] rest = java.util.Arrays.copyOfRange(all, (int) repeated, all.length);
      WaveSegment trimmed = new WaveSegment(s.channel(), s.code(), s.mdc(), s.unit(), s.samplePeriod(), s.scale(), s.offset(),
          expected, s.deviceTime() == null ? null : s.deviceTime().plus(s.samplePeriod().multipliedBy(repeated)),
          s.receivedAt(), rest, s.flags(), null);
      next.put(key, trimmed.nextSequence());
      return new Checked(Optional.of(trimmed), (int) repeated, 0);
    }
    next.put(key, s.nextSequence());
    long missing = s.firstSequence() - expected;
    if (missing == 0) {
      return new Checked(Optional.of(s), 0, 0);
    }
    if (s.gapBefore() != null && s.gapBefore().missing() == missing) {
      return new Checked(Optional.of(s), 0, 0);
    }
    String cause = s.gapBefore() != null ? s.gapBefore().cause()
        : "samples missing from the device's stream (its sequence jumped without a stated cause)";
    long unannounced = s.gapBefore() == null ? missing : 0;
    return new Checked(Optional.of(s.renumbered(s.firstSequence(), new WaveSegment.Gap(missing, cause))), 0, unannounced);
  }
}
