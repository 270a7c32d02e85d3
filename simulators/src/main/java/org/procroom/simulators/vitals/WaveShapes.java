package org.procroom.simulators.vitals;

/**
 * Waveforms that follow the physiology script: an ECG lead (P, QRS and T as Gaussian bumps in each
 * beat), a plethysmogram (a systolic upstroke and dicrotic notch, a little after the R wave, its
 * amplitude falling with SpO2), impedance respiration (a sine at the respiratory rate), a
 * capnogram (a plateau while breathing out, near zero while breathing in) and an arterial pulse
 * (0 at diastole, 1 at systole). Each keeps its own phase, so a change of rate bends the wave and
 * never jumps it.
 */
final class WaveShapes {
  private double beatPhase;
  private double breathPhase;

  /** Millivolts of lead II at {@code phase} (0..1) of a beat. */
  static double ecg(double phase) {
    return 0.12 * bump(phase, 0.12, 0.025) - 0.10 * bump(phase, 0.235, 0.008) + 1.1 * bump(phase, 0.25, 0.010)
        - 0.25 * bump(phase, 0.27, 0.010) + 0.30 * bump(phase, 0.50, 0.045);
  }

  /** Relative pleth amplitude (0..1) at {@code phase} of a beat, the pulse arriving 0.15 of a beat after the R wave. */
  static double pleth(double phase) {
    double p = (phase - 0.4 + 1) % 1;
    return 0.15 + 0.75 * bump(p, 0.18, 0.08) + 0.25 * bump(p, 0.45, 0.07);
  }

  /** The fraction (0..1) of end-tidal CO2 at {@code phase} of a breath: out from 0.35, a plateau, in from 0.9. */
  static double capnogram(double phase) {
    double rise = 1 / (1 + Math.exp(-(phase - 0.38) * 60));
    double fall = 1 / (1 + Math.exp(-(phase - 0.92) * 80));
    return Math.max(0, rise - fall) * (0.9 + 0.1 * Math.min(1, Math.max(0, (phase - 0.38) / 0.5)));
  }

  /** The arterial pulse (0 diastole .. 1 systole) at {@code phase} of a beat, a little before the pleth's. */
  static double arterial(double phase) {
    double p = (phase - 0.3 + 1) % 1;
    return (bump(p, 0.12, 0.07) + 0.3 * bump(p, 0.35, 0.08) + 0.1 * (1 - p)) / 1.1;
  }

  private static double bump(double x, double centre, double width) {
    double d = (x - centre) / width;
    return Math.exp(-0.5 * d * d);
  }

  /** The next {@code n} samples of every wave at {@code rate} Hz, advancing the beat and the breath. */
  double[][] next(int n, double rate, double heartRate, double respirationRate, double spo2) {
    double[][] out = new double[5][n];
    double perfusion = Math.max(0.3, Math.min(1.0, (spo2 - 80) / 18));
    for (int i = 0; i < n; i++) {
      out[0][i] = ecg(beatPhase);
      out[1][i] = pleth(beatPhase) * perfusion;
      out[2][i] = Math.sin(2 * Math.PI * breathPhase);
      out[3][i] = capnogram(breathPhase);
      out[4][i] = arterial(beatPhase);
      beatPhase = (beatPhase + heartRate / 60.0 / rate) % 1;
      breathPhase = (breathPhase + respirationRate / 60.0 / rate) % 1;
    }
    return out;
  }
}
