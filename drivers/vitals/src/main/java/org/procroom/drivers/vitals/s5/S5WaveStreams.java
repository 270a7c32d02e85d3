package org.procroom.drivers.vitals.s5;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.procroom.gateway.api.WaveSegment;

/**
 * Numbers an S/5's waveform subrecords into one stream per type. The monitor sends no time for
 * its samples (the record's r_time has whole seconds and names no sample), so each subrecord's
 * last sample is taken as sent when it arrived. WF_STATUS_GAP states a loss of an undefined number
 * of samples; control codes (<= -32000) are missing samples, cut out and said why; lead-off and
 * pacer status become flags.
 */
final class S5WaveStreams {
  private final Map<Integer, Long> next = new HashMap<>();
  /** A gap found at the end of a subrecord (its last samples were control codes), stated before the next kept samples. */
  private final Map<Integer, WaveSegment.Gap> pending = new HashMap<>();

  /** What cannot be read, by type: a subrecord of a type the specification gives no rate for. */
  record Result(List<WaveSegment> segments, List<String> problems) {}

  synchronized Result segments(List<S5WaveRecord.Wave> waves, Instant receivedAt) {
    List<WaveSegment> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (S5WaveRecord.Wave w : waves) {
      S5WaveTypes.Type type = S5WaveTypes.byId(w.type()).orElse(null);
      if (type == null) {
        problems.add("waveform subrecord type " + w.type() + " has no sample rate in the record specification: not stored");
        continue;
      }
      segments(type, w, receivedAt, out);
    }
    return new Result(out, problems);
  }

  /**
   * The link was down: each stream goes on numbering after a gap, so the store never takes the
   * samples after a reconnect for repeats of those before it.
   */
  synchronized void reconnected() {
    for (Integer type : next.keySet()) {
      pending.put(type, WaveSegment.Gap.join(pending.get(type), 0, "samples not received while the link to the monitor was down"));
    }
  }

  private void segments(S5WaveTypes.Type type, S5WaveRecord.Wave w, Instant receivedAt, List<WaveSegment> out) {
    Duration period = Duration.ofNanos(1_000_000_000L / type.perSecond());
    Long position = next.get(type.id());
    long sequence = position == null ? 0 : position;
    WaveSegment.Gap gap = pending.remove(type.id());
    if (position != null && (w.status() & S5WaveRecord.STATUS_GAP) != 0) {
      gap = WaveSegment.Gap.join(gap, 0, "the monitor lost an undefined number of samples (WF_STATUS_GAP)");
    }
    List<String> flags = new ArrayList<>();
    if ((w.status() & S5WaveRecord.STATUS_LEAD_OFF) != 0) {
      flags.add("lead-off");
    }
    if ((w.status() & S5WaveRecord.STATUS_PACER) != 0) {
      flags.add("pacer-detected");
    }
    short[] samples = w.samples();
    int i = 0;
    while (i < samples.length) {
      int start = i;
      while (i < samples.length && samples[i] > S5WaveRecord.CONTROL_CODE_LIMIT) {
        i++;
      }
      if (i > start) {
        int[] run = new int[i - start];
        for (int k = 0; k < run.length; k++) {
          run[k] = samples[start + k];
        }
        Instant lastSent = receivedAt.minus(period.multipliedBy(samples.length - i));
        out.add(new WaveSegment(type.name(), type.code(), type.mdc(), type.unit(), period, type.scale(), 0,
            sequence + start, null, lastSent, run, flags, gap));
        gap = null;
      }
      int codes = i;
      while (i < samples.length && samples[i] <= S5WaveRecord.CONTROL_CODE_LIMIT) {
        i++;
      }
      if (i > codes) {
        gap = WaveSegment.Gap.join(gap, i - codes, (i - codes) + " sample(s) " + S5WaveRecord.controlCode(samples[codes]));
      }
    }
    if (gap != null) {
      pending.put(type.id(), gap);
    }
    next.put(type.id(), sequence + samples.length);
  }
}
