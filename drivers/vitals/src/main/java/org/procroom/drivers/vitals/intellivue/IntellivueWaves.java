package org.procroom.drivers.vitals.intellivue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.procroom.drivers.vitals.terms.MdcUnits;
import org.procroom.gateway.api.WaveSegment;

/**
 * Real-time sample arrays (NOM_MOC_VMO_METRIC_SA_RT) as waveform segments. Each poll result's
 * SaObsValues (NOM_ATTR_SA_VAL_OBS, and each part of NOM_ATTR_SA_CMPD_VAL_OBS) are read with the
 * static attributes the monitor sent for that object ({@link SampleArraySpec}). A channel's samples
 * are numbered in order; the poll's relative time places each array, and an array that does not
 * begin where the last one ended (beyond half an array's span) is a stated gap, never filled.
 * Without a clock, device time is null, never invented. Single-threaded: the session's.
 */
public final class IntellivueWaves {
  static final int CLASS_SAMPLE_ARRAY = 0x0009;
  static final int SA_VAL_OBS = 0x096E;
  static final int SA_CMPD_VAL_OBS = 0x0967;
  private static final int PARTITION_SCADA = 2;
  private static final int PARTITION_DIM = 4;
  private static final long WRAP = 1L << 32;
  private static final long TICK_NANOS = 125_000;
  /** A relative time this far behind the channel's is a restarted counter (a reboot), not a repeat. */
  private static final long RESTART_TICKS = 2 * 8000;

  private final Map<Integer, SampleArraySpec> specs = new HashMap<>();
  private final Map<String, Stream> streams = new HashMap<>();

  /** Where a channel stands: its next sample's number, relative time (-1: unknown) and receive time. */
  private static final class Stream {
    long nextSequence;
    long nextRelative = -1;
    Instant nextReceived;
  }

  /** A new association: object handles and relative times start afresh; sample numbers go on. */
  void associationRenewed() {
    specs.clear();
    streams.values().forEach(s -> s.nextRelative = -1);
  }

  /** True once some sample array's specification and period are known. */
  boolean specified() {
    return specs.values().stream().anyMatch(s -> s.periodTicks() != null && s.sampleBits() != null);
  }

  /** The segments of one poll result; what cannot be read is said in {@code problems}. */
  public List<WaveSegment> segments(DataExportMessage.PollResult p, MonitorClock clock, Instant receivedAt, List<String> problems) {
    List<WaveSegment> out = new ArrayList<>();
    for (DataExportMessage.PolledObject o : p.objects()) {
      try {
        SampleArraySpec said = SampleArraySpec.of(o.attributes());
        SampleArraySpec spec = said.says() ? specs.merge(o.handle(), said, SampleArraySpec::merge)
            : specs.getOrDefault(o.handle(), SampleArraySpec.NONE);
        for (ByteBuffer v : values(o)) {
          segment(o.handle(), spec, v, p.relativeTime(), clock, receivedAt, problems).ifPresent(out::add);
        }
      } catch (Wire.Malformed e) {
        problems.add(String.format("unreadable sample array 0x%04X: %s", o.handle(), e.getMessage()));
      }
    }
    return out;
  }

  private static List<ByteBuffer> values(DataExportMessage.PolledObject o) {
    List<ByteBuffer> values = new ArrayList<>();
    o.attributes().get(SA_VAL_OBS).ifPresent(values::add);
    o.attributes().get(SA_CMPD_VAL_OBS).ifPresent(c -> {
      int count = Wire.u16(c, "compound sample array count");
      ByteBuffer list = Wire.exactly(c, Wire.u16(c, "compound sample array length"), "compound sample array");
      for (int i = 0; i < count; i++) {
        ByteBuffer head = list.duplicate();
        Wire.slice(head, 4, "compound sample array " + (i + 1) + " id and state");
        int length = Wire.u16(head, "compound sample array " + (i + 1) + " length");
        values.add(Wire.slice(list, 6 + length, "compound sample array " + (i + 1)));
      }
    });
    return values;
  }

  private Optional<WaveSegment> segment(int handle, SampleArraySpec spec, ByteBuffer v, long relative, MonitorClock clock,
      Instant receivedAt, List<String> problems) {
    int physio = Wire.u16(v, "sample array physiological id");
    int state = Wire.u16(v, "sample array state");
    ByteBuffer raw = Wire.exactly(v, Wire.u16(v, "sample array length"), "sample array");
    Integer mdc = physio >= 0xF000 ? null : (PARTITION_SCADA << 16) | physio;
    String code = mdc == null ? String.format("NOM_0x%04X", physio) : IntellivueNumerics.termName(mdc);
    String channel = spec.labelString() != null && !spec.labelString().isBlank() ? spec.labelString() : code;
    if (spec.sampleBits() == null || spec.periodTicks() == null || spec.periodTicks() <= 0) {
      problems.add(String.format("sample array 0x%04X (%s): %d bytes of samples not kept, the monitor has not stated"
          + " its %s yet", handle, channel, raw.remaining(), spec.sampleBits() == null ? "sample size" : "sample period"));
      return Optional.empty();
    }
    int bytesPerSample = spec.sampleBits() / 8;
    if (bytesPerSample < 1 || bytesPerSample > 4 || spec.sampleBits() % 8 != 0 || raw.remaining() % bytesPerSample != 0) {
      problems.add(String.format("sample array 0x%04X (%s): %d bytes are not whole samples of %d bits", handle, channel,
          raw.remaining(), spec.sampleBits()));
      return Optional.empty();
    }
    int[] samples = new int[raw.remaining() / bytesPerSample];
    int bits = spec.significantBits() == null || spec.significantBits() == 0 ? spec.sampleBits()
        : Math.min(spec.significantBits(), spec.sampleBits());
    long mask = bits >= 32 ? 0xFFFFFFFFL : (1L << bits) - 1;
    for (int i = 0; i < samples.length; i++) {
      long s = 0;
      for (int b = 0; b < bytesPerSample; b++) {
        s = (s << 8) | (raw.get() & 0xFF);
      }
      samples[i] = (int) (s & mask); // the bits above the significant ones are marks, not the sample
    }
    long period = spec.periodTicks();
    Optional<double[]> linear = spec.scale() == null ? Optional.empty() : spec.scale().linear();
    List<String> flags = flags(state);
    if (linear.isEmpty()) {
      flags.add("unscaled");
    }
    String unit = linear.isEmpty() || spec.unitCode() == null ? null
        : MdcUnits.table().ucum((PARTITION_DIM << 16) | spec.unitCode()).orElse(null);
    Stream stream = streams.computeIfAbsent(channel, k -> new Stream());
    long first = stream.nextSequence;
    WaveSegment.Gap gap = null;
    if (stream.nextReceived != null) {
      if (stream.nextRelative < 0) {
        long missing = Math.max(0, Duration.between(stream.nextReceived, receivedAt).toNanos() / (period * TICK_NANOS));
        gap = new WaveSegment.Gap(missing, "samples not received while the association with the monitor was renewed");
        first += missing;
      } else {
        long delta = Math.floorMod(relative - stream.nextRelative, WRAP);
        delta = delta >= WRAP / 2 ? delta - WRAP : delta;
        long halfSpan = period * samples.length / 2;
        if (delta < -RESTART_TICKS) {
          long missing = Math.max(0, Duration.between(stream.nextReceived, receivedAt).toNanos() / (period * TICK_NANOS));
          gap = new WaveSegment.Gap(missing, "the monitor's relative time went back (it restarted)");
          first += missing;
        } else if (delta > halfSpan) {
          long missing = Math.round((double) delta / period);
          gap = new WaveSegment.Gap(missing, "the monitor's samples resumed " + (delta * TICK_NANOS / 1_000_000)
              + " ms after the last array ended: " + missing + " samples were not sent");
          first += missing;
        } else if (delta < -halfSpan) {
          first = Math.max(0, first + Math.round((double) delta / period)); // a repeat: the store cuts what it holds
        }
      }
    }
    stream.nextSequence = first + samples.length;
    stream.nextRelative = (relative + period * samples.length) % WRAP;
    stream.nextReceived = receivedAt.plusNanos(period * TICK_NANOS * samples.length);
    Instant deviceTime = clock == null ? null : clock.at(relative);
    return Optional.of(new WaveSegment(channel, code, mdc, unit, Duration.ofNanos(period * TICK_NANOS),
        linear.map(l -> l[0]).orElse(1.0), linear.map(l -> l[1]).orElse(0.0), first, deviceTime, receivedAt, samples,
        flags, gap));
  }

  private static List<String> flags(int state) {
    List<String> flags = new ArrayList<>();
    if ((state & IntellivueNumerics.DEMO_DATA) != 0) {
      flags.add("demo");
    }
    if ((state & IntellivueNumerics.TEST_DATA) != 0) {
      flags.add("test");
    }
    String withdrawn = IntellivueNumerics.withdrawn(state & ~IntellivueNumerics.MSMT_ONGOING);
    if (withdrawn != null) {
      flags.add(withdrawn);
    }
    return flags;
  }
}
