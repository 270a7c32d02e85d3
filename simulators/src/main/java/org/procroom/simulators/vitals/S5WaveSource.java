package org.procroom.simulators.vitals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;

/**
 * The simulated S/5's waveform records: the requested types at the rates of GE's record
 * specification (ECG 300, invasive pressure and pleth 100, CO2 and respiration 25 samples a
 * second), as many samples of each as are due since the last record (so the counts vary by one,
 * as a real monitor's do), in the units of one raw step (1 uV, 1/100 mmHg, 1/100 %, 1/100 Ohm).
 */
final class S5WaveSource {
  static final int ECG1 = 1;
  static final int INVP1 = 4;
  static final int PLETH = 8;
  static final int CO2 = 9;
  static final int RESP = 15;
  private static final int CLOCK = 300;
  private static final int GAP = 0x0001;

  private final WaveShapes shapes = new WaveShapes();
  private long ticks;
  private long startNanos;

  /** Starts the waves' clock over (a new request): the next record says GAP, as the monitor's first does. */
  void restart() {
    ticks = 0;
    startNanos = System.nanoTime();
  }

  static int rate(int type) {
    return switch (type) {
      case ECG1, 2, 3 -> 300;
      case INVP1, 5, 6, 7, PLETH -> 100;
      default -> 25;
    };
  }

  /** The waveform record of the samples due now, or null when none are; {@code gap} marks a loss before it. */
  byte[] next(List<Integer> types, PhysiologyScript.Vitals v, Instant monitorTime, boolean gap) {
    long due = (System.nanoTime() - startNanos) * CLOCK / 1_000_000_000L - ticks;
    if (due <= 0 || types.isEmpty()) {
      return null;
    }
    double[][] w = shapes.next((int) due, CLOCK, v.heartRate(), v.respirationRate(), v.spo2());
    int[][] samples = new int[types.size()][];
    int size = 40;
    for (int k = 0; k < types.size(); k++) {
      int type = types.get(k);
      int step = CLOCK / rate(type);
      int first = (int) ((step - ticks % step) % step);
      int n = first >= due ? 0 : (int) ((due - 1 - first) / step + 1);
      samples[k] = new int[n];
      for (int i = 0; i < n; i++) {
        int at = first + i * step;
        samples[k][i] = raw(type, w, at, v);
      }
      size += 6 + 2 * n;
    }
    boolean opening = ticks == 0;
    ticks += due;
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(0, (short) size);
    b.put(3, (byte) 0x0A);
    b.putInt(6, (int) monitorTime.getEpochSecond());
    b.putShort(14, (short) 1);
    int offset = 0;
    for (int k = 0; k < types.size(); k++) {
      b.putShort(16 + 3 * k, (short) offset);
      b.put(18 + 3 * k, types.get(k).byteValue());
      int at = 40 + offset;
      b.putShort(at, (short) samples[k].length);
      b.putShort(at + 2, (short) (opening || gap ? GAP : 0));
      for (int i = 0; i < samples[k].length; i++) {
        b.putShort(at + 6 + 2 * i, (short) samples[k][i]);
      }
      offset += 6 + 2 * samples[k].length;
    }
    if (types.size() < 8) {
      b.put(18 + 3 * types.size(), (byte) 0xFF);
    }
    return b.array();
  }

  private static int raw(int type, double[][] w, int i, PhysiologyScript.Vitals v) {
    return switch (type) {
      case ECG1, 2, 3 -> (int) Math.round(w[0][i] * 1000);
      case INVP1, 5, 6, 7 -> (int) Math.round((v.diastolic() + (v.systolic() - v.diastolic()) * w[4][i]) * 100);
      case PLETH -> (int) Math.round(w[1][i] * 100 * 5); // modulation up to about 5 %
      case CO2 -> (int) Math.round(w[3][i] * v.etco2Percent() * 100);
      default -> (int) Math.round(w[2][i] * 100); // about 1 Ohm of impedance change
    };
  }
}
