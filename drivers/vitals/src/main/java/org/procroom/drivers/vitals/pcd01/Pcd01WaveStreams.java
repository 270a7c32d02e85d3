package org.procroom.drivers.vitals.pcd01;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.gateway.api.WaveSegment;

/**
 * Turns the waveforms of successive PCD-01 messages into one stream per sender and channel. A
 * monitor sends a waveform as one array per message (Mindray: one second each); where a message's
 * first sample lies after the previous one's last, the samples between never came (a gap, counted
 * from the time); where it lies before, the overlap repeats samples already sent (numbered so the
 * store cuts them); missing samples inside an array are a gap with the reason they are missing.
 */
final class Pcd01WaveStreams {
  /** Time back beyond which a message is not an overlap but a clock that was set back. */
  private static final Duration SET_BACK = Duration.ofSeconds(2);

  /** Where a channel stands, and the samples missing at the end of its last array (stated before the next kept ones). */
  private record Position(long nextSequence, Instant nextTime, Duration period, WaveSegment.Gap pending) {}

  private final Map<String, Position> streams = new HashMap<>();

  /** The set's storable waves as segments; {@code flags} say what the samples are (demo, other-patient). */
  synchronized List<WaveSegment> segments(ObservationSet set, Instant receivedAt, List<String> flags) {
    List<WaveSegment> out = new ArrayList<>();
    for (ObservationSet.Wave w : set.waves()) {
      if (w.status() == null) {
        segments(sender(set) + " " + channelName(w), w, receivedAt, flags, out);
      }
    }
    return out;
  }

  private void segments(String channel, ObservationSet.Wave w, Instant receivedAt, List<String> flags,
      List<WaveSegment> out) {
    int decimals = w.samples().stream().filter(java.util.Objects::nonNull)
        .mapToInt(v -> Math.max(0, BigDecimal.valueOf(v).stripTrailingZeros().scale())).max().orElse(0);
    double multiplier = Math.pow(10, Math.min(decimals, 6));
    double scale = (w.resolution() == null ? 1 : w.resolution()) / multiplier;
    List<String> segmentFlags = new ArrayList<>(flags);
    if (w.unit() == null) {
      segmentFlags.add("unscaled");
    }
    Position p = streams.get(channel);
    long sequence;
    WaveSegment.Gap gap = p == null ? null : p.pending();
    if (p == null) {
      sequence = 0;
    } else if (!p.period().equals(w.samplePeriod())) {
      sequence = p.nextSequence();
      gap = WaveSegment.Gap.join(gap, 0, "the sample period changed from " + p.period() + " to " + w.samplePeriod());
    } else if (w.start() == null || p.nextTime() == null) {
      sequence = p.nextSequence();
    } else {
      long offset = Math.round((double) Duration.between(p.nextTime(), w.start()).toNanos() / w.samplePeriod().toNanos());
      if (offset > 0) {
        sequence = p.nextSequence() + offset;
        gap = WaveSegment.Gap.join(gap, offset, "the monitor's next array began " + Duration.between(p.nextTime(), w.start()).toMillis()
            + " ms after the previous one ended");
      } else if (offset < 0 && Duration.between(w.start(), p.nextTime()).compareTo(SET_BACK) > 0) {
        sequence = p.nextSequence();
        gap = WaveSegment.Gap.join(gap, 0, "the monitor's time went back " + Duration.between(w.start(), p.nextTime()).toMillis()
            + " ms (its clock was set)");
      } else {
        sequence = p.nextSequence() + offset; // an overlap: the store cuts the repeated samples
      }
    }
    List<int[]> runs = new ArrayList<>();
    List<Integer> runStarts = new ArrayList<>();
    List<Integer> run = new ArrayList<>();
    int index = 0;
    for (Double v : w.samples()) {
      if (v == null) {
        if (!run.isEmpty()) {
          runs.add(run.stream().mapToInt(Integer::intValue).toArray());
          run.clear();
        }
      } else {
        if (run.isEmpty()) {
          runStarts.add(index);
        }
        run.add((int) Math.round(v * multiplier));
      }
      index++;
    }
    if (!run.isEmpty()) {
      runs.add(run.stream().mapToInt(Integer::intValue).toArray());
    }
    int previousEnd = 0;
    for (int i = 0; i < runs.size(); i++) {
      int start = runStarts.get(i);
      if (start > previousEnd) {
        gap = WaveSegment.Gap.join(gap, start - previousEnd, (start - previousEnd) + " sample(s) " + w.missing());
      }
      Instant at = w.start() == null ? null : w.start().plus(w.samplePeriod().multipliedBy(start));
      out.add(new WaveSegment(channel, w.code(), w.mdc(), w.unit(), w.samplePeriod(), scale, 0, sequence + start, at,
          receivedAt, runs.get(i), segmentFlags, gap));
      gap = null;
      previousEnd = start + runs.get(i).length;
    }
    int trailing = w.samples().size() - previousEnd;
    if (trailing > 0) {
      gap = WaveSegment.Gap.join(gap, trailing, trailing + " sample(s) " + w.missing());
    }
    long next = sequence + w.samples().size();
    Instant nextTime = w.start() == null ? null : w.start().plus(w.samplePeriod().multipliedBy(w.samples().size()));
    streams.put(channel, new Position(Math.max(next, p == null ? 0 : p.nextSequence()), nextTime, w.samplePeriod(), gap));
  }

  /** The sending device: its identity (OBX-18, MSH-3's EUI-64), else MSH-3's name. */
  private static String sender(ObservationSet set) {
    ObservationSet.Sender s = set.sender();
    if (s == null) {
      return "unknown";
    }
    if (s.equipmentId() != null) {
      return s.equipmentId();
    }
    return s.application() == null ? "unknown" : s.application().split("\\^", -1)[0];
  }

  private static String channelName(ObservationSet.Wave w) {
    String name = w.code() == null ? "wave" : w.code().startsWith("MDC_") ? w.code().substring(4) : w.code();
    return w.channel() == null ? name : name + " " + w.channel();
  }
}
