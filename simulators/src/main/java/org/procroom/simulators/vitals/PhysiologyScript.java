package org.procroom.simulators.vitals;

import java.time.Duration;

/**
 * A patient through a trigger point injection: baseline, a vasovagal reaction during the injection
 * (heart rate and blood pressure fall over a few seconds, then hold), and recovery back to
 * baseline. Times are from the start of the simulation.
 */
public final class PhysiologyScript {
  /** Vital signs at one moment, in the monitors' own units (mmHg, %, /min, degC). */
  public record Vitals(double heartRate, double systolic, double diastolic, double mean, double spo2,
      double respirationRate, double temperature, double etco2Percent) {}

  private static final Vitals BASELINE = new Vitals(72, 124, 78, 93, 98, 14, 36.8, 5.2);
  private static final Vitals VASOVAGAL = new Vitals(44, 82, 48, 59, 96, 12, 36.8, 4.8);

  private final Duration dipStart;
  private final Duration dipLength;
  private final Duration recovery;

  public PhysiologyScript(Duration dipStart, Duration dipLength, Duration recovery) {
    this.dipStart = dipStart;
    this.dipLength = dipLength;
    this.recovery = recovery;
  }

  /** A patient at baseline throughout: the reaction would come only after an hour. */
  public static PhysiologyScript calm() {
    return new PhysiologyScript(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
  }

  public Vitals at(Duration t) {
    long ms = t.toMillis();
    long start = dipStart.toMillis();
    long bottom = start + dipLength.toMillis() / 3;
    long end = start + dipLength.toMillis();
    long recovered = end + recovery.toMillis();
    if (ms < start || ms >= recovered) {
      return BASELINE;
    }
    if (ms < bottom) {
      return blend((double) (ms - start) / (bottom - start));
    }
    if (ms < end) {
      return VASOVAGAL;
    }
    return blend(1 - (double) (ms - end) / (recovered - end));
  }

  /** Baseline moved {@code f} (0..1) of the way to the vasovagal values. */
  private static Vitals blend(double f) {
    return new Vitals(mix(BASELINE.heartRate(), VASOVAGAL.heartRate(), f), mix(BASELINE.systolic(), VASOVAGAL.systolic(), f),
        mix(BASELINE.diastolic(), VASOVAGAL.diastolic(), f), mix(BASELINE.mean(), VASOVAGAL.mean(), f),
        mix(BASELINE.spo2(), VASOVAGAL.spo2(), f), mix(BASELINE.respirationRate(), VASOVAGAL.respirationRate(), f),
        BASELINE.temperature(), mix(BASELINE.etco2Percent(), VASOVAGAL.etco2Percent(), f));
  }

  private static double mix(double a, double b, double f) {
    return Math.round((a + (b - a) * f) * 10) / 10.0;
  }
}
