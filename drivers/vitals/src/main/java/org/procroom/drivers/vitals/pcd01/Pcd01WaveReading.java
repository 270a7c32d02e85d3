package org.procroom.drivers.vitals.pcd01;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.procroom.drivers.vitals.ObservationSet.Wave;
import org.procroom.drivers.vitals.terms.VendorProfiles;

/**
 * Reads a PCD-01 waveform row (NA, or MA with one value per sample) with the attribute rows that
 * hang below it (containment {@code <wave>.n}), as monitors send them (Mindray: MDC_ATTR_SAMP_RATE
 * in Hz, MDC_ATTR_NU_MSMT_RES with the samples' unit). Nothing is guessed: without a sample rate or
 * period the samples cannot be placed in time, and the wave says so instead of being stored.
 */
final class Pcd01WaveReading {
  static final String SAMPLE_RATE = "MDC_ATTR_SAMP_RATE";
  static final String SAMPLE_PERIOD = "MDC_ATTR_TIME_PD_SAMP";
  static final String RESOLUTION = "MDC_ATTR_NU_MSMT_RES";

  private final Function<Pcd01Message.Coded, String> ucum;

  Pcd01WaveReading(Function<Pcd01Message.Coded, String> ucum) {
    this.ucum = ucum;
  }

  /** True for an attribute row of the waveform at {@code waveContainments}: read with the wave, not as a value. */
  static boolean attributeOf(Set<String> waveContainments, Pcd01Message.Obx o) {
    int dot = o.containment().lastIndexOf('.');
    return dot > 0 && waveContainments.contains(o.containment().substring(0, dot)) && attributeName(o).startsWith("MDC_ATTR_");
  }

  Wave read(Pcd01Message.Obx o, String code, Integer mdc, List<Pcd01Message.Obx> rows, VendorProfiles.Profile profile) {
    List<String> problems = new ArrayList<>();
    Duration period = null;
    Double resolution = null;
    String unit = ucum.apply(o.unit());
    for (Pcd01Message.Obx a : rows) {
      if (!a.containment().startsWith(o.containment() + ".") || a.containment().substring(o.containment().length() + 1).contains(".")) {
        continue;
      }
      String name = attributeName(a);
      Double value = number(a.value());
      String attributeUnit = ucum.apply(a.unit());
      if (name.equals(SAMPLE_RATE) || name.equals(SAMPLE_PERIOD)) {
        period = period(name, value, attributeUnit, problems);
      } else if (name.equals(RESOLUTION)) {
        if (value == null || value <= 0) {
          problems.add(RESOLUTION + " '" + a.value() + "' is not a positive number");
        } else {
          resolution = value;
          if (unit == null) {
            unit = attributeUnit;
          } else if (attributeUnit != null && !attributeUnit.equals(unit)) {
            problems.add("the wave is in " + unit + " but its resolution in " + attributeUnit);
          }
        }
      }
    }
    List<Double> samples = new ArrayList<>();
    Set<String> missing = new LinkedHashSet<>();
    boolean markers = false;
    for (String rep : o.values()) {
      String[] components = rep.split("\\^", -1);
      if (o.valueType().equals("MA") && components.length > 1) {
        problems.add("a multiplexed array of " + components.length + " values per sample names no channel for each");
        break;
      }
      for (String c : components) {
        Double v = number(c);
        if (c.isBlank()) {
          missing.add("sent empty");
        } else if (v == null) {
          missing.add("unreadable ('" + (c.length() > 20 ? c.substring(0, 20) + "..." : c) + "')");
        } else if (profile.waveSentinel(v)) {
          missing.add("the " + profile.name() + " no-signal marker " + c.trim());
          markers = true;
          v = null;
        }
        samples.add(v);
      }
    }
    // An array of no-signal markers is a stretch of the stream (a gap); one of text is no waveform.
    if (samples.stream().noneMatch(java.util.Objects::nonNull) && !markers) {
      problems.add("no readable sample");
    }
    if (period == null && problems.isEmpty()) {
      problems.add("no sample rate or period (" + SAMPLE_RATE + ", " + SAMPLE_PERIOD + "): the samples cannot be placed in time");
    }
    return new Wave(code, mdc, blank(o.containment()), unit, samples, period, resolution,
        o.observedAt() != null ? o.observedAt() : o.groupStart(), missing.isEmpty() ? null : String.join("; ", missing),
        problems.isEmpty() ? null : String.join("; ", problems));
  }

  private static Duration period(String name, Double value, String unit, List<String> problems) {
    if (value == null || value <= 0) {
      problems.add(name + " is not a positive number");
      return null;
    }
    double seconds;
    if (name.equals(SAMPLE_RATE)) {
      if (unit != null && !unit.equals("Hz") && !unit.equals("/s")) {
        problems.add(name + " in '" + unit + "', not Hz");
        return null;
      }
      seconds = 1 / value;
    } else {
      Double perSecond = unit == null ? null : switch (unit) {
        case "s" -> 1.0;
        case "ms" -> 1e-3;
        case "us" -> 1e-6;
        default -> null;
      };
      if (perSecond == null) {
        problems.add(name + " in '" + unit + "', not s, ms or us");
        return null;
      }
      seconds = value * perSecond;
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  private static String attributeName(Pcd01Message.Obx o) {
    return o.id().text().toUpperCase(Locale.ROOT);
  }

  private static Double number(String s) {
    try {
      double v = new BigDecimal(s.trim()).doubleValue();
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String blank(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
