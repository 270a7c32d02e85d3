package org.procroom.gateway.waves;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.procroom.gateway.api.WaveSegment;

/**
 * A record's waveform windows as strips: the stored rows of each device's channel cut to the
 * window and joined where they continue one another (same scale, no gap), so that a strip is a
 * run of consecutive samples and a gap ends one strip and begins the next.
 */
public final class WaveStrips {
  /** Flag of samples a monitor sent while admitted to another patient: no record holds them. */
  public static final String OTHER_PATIENT = "other-patient";

  private WaveStrips() {}

  /** The strips of a record's windows, from the devices that have events in it. */
  public static List<StoredWave> ofRecord(WaveStore store, List<WaveWindow> windows,
      List<org.procroom.gateway.api.DeviceEvent> events) {
    java.util.Set<String> devices = new java.util.HashSet<>();
    events.forEach(e -> devices.add(e.deviceId()));
    List<StoredWave> strips = new ArrayList<>();
    for (WaveWindow window : windows) {
      List<StoredWave> rows = store.read(window.from(), window.to(), null).stream()
          .filter(r -> devices.contains(r.deviceId())).toList();
      strips.addAll(within(rows, window));
    }
    return strips;
  }

  /** The strips of {@code rows} (in the store's order) within {@code window}; rows of another patient left out. */
  public static List<StoredWave> within(List<StoredWave> rows, WaveWindow window) {
    List<StoredWave> out = new ArrayList<>();
    StoredWave run = null;
    for (StoredWave row : rows) {
      if (row.segment().flags().contains(OTHER_PATIENT)) {
        continue;
      }
      StoredWave cut = cut(row, window.from(), window.to());
      if (cut == null) {
        continue;
      }
      if (run != null && continues(run, cut)) {
        run = join(run, cut);
      } else {
        if (run != null) {
          out.add(run);
        }
        run = cut;
      }
    }
    if (run != null) {
      out.add(run);
    }
    return out;
  }

  private static boolean continues(StoredWave a, StoredWave b) {
    WaveSegment x = a.segment();
    WaveSegment y = b.segment();
    return a.deviceId().equals(b.deviceId()) && x.channel().equals(y.channel()) && y.gapBefore() == null
        && y.firstSequence() == x.nextSequence() && x.samplePeriod().equals(y.samplePeriod()) && x.scale() == y.scale()
        && x.offset() == y.offset() && Objects.equals(x.unit(), y.unit()) && x.flags().equals(y.flags());
  }

  private static StoredWave join(StoredWave a, StoredWave b) {
    WaveSegment x = a.segment();
    int[] all = Arrays.copyOf(x.samples(), x.size() + b.segment().size());
    System.arraycopy(b.segment().samples(), 0, all, x.size(), b.segment().size());
    return new StoredWave(a.deviceId(), new WaveSegment(x.channel(), x.code(), x.mdc(), x.unit(), x.samplePeriod(),
        x.scale(), x.offset(), x.firstSequence(), x.deviceTime(),
        x.deviceTime() == null ? b.segment().receivedAt() : x.receivedAt(), all, x.flags(), x.gapBefore()));
  }

  /** The samples of {@code row} timed within [from, to), or null when none are. */
  static StoredWave cut(StoredWave row, Instant from, Instant to) {
    WaveSegment s = row.segment();
    long period = s.samplePeriod().toNanos();
    long skip = Math.max(0, ceilDiv(Duration.between(row.start(), from).toNanos(), period));
    long end = Math.min(s.size(), ceilDiv(Duration.between(row.start(), to).toNanos(), period));
    if (skip >= end) {
      return null;
    }
    if (skip == 0 && end == s.size()) {
      return row;
    }
    Duration offset = s.samplePeriod().multipliedBy(skip);
    return new StoredWave(row.deviceId(), new WaveSegment(s.channel(), s.code(), s.mdc(), s.unit(), s.samplePeriod(),
        s.scale(), s.offset(), s.firstSequence() + skip, s.deviceTime() == null ? null : s.deviceTime().plus(offset),
        s.deviceTime() == null ? s.receivedAt().minus(s.samplePeriod().multipliedBy(s.size() - end)) : s.receivedAt(),
        Arrays.copyOfRange(s.samples(), (int) skip, (int) end), s.flags(), skip == 0 ? s.gapBefore() : null));
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
