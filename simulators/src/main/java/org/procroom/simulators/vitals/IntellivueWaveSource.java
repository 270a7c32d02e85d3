package org.procroom.simulators.vitals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.procroom.simulators.vitals.IntellivueMessages.Polled;

/**
 * The simulated monitor's real-time sample arrays: ECG II at 500 Hz, pleth at 125 Hz and
 * respiration at 62.5 Hz, 256 ms of each per poll result, with the static attributes a client
 * reads first (sample array specification, sample period, scale and range, unit, label). Samples
 * are 16-bit words whose significant bits hold the value, as the real monitor's captured ECG
 * (0x1FFF at rest) and pleth (0x0800 to 0x099A) show.
 */
final class IntellivueWaveSource {
  static final long ARRAY_TICKS = 2048; // 256 ms in 125 us ticks
  private static final int ATTR_SA_SPECN = 0x096D;
  private static final int ATTR_TIME_PD_SAMP = 0x098D;
  private static final int ATTR_SCALE = 0x096F;
  private static final int ATTR_UNIT = 0x0996;
  private static final int ATTR_LABEL = 0x0924;
  private static final int ATTR_LABEL_STRING = 0x0927;
  private static final int ATTR_SA_VAL_OBS = 0x096E;

  /** One wave: object handle, physiological id, label, period in ticks and how raw values map to the unit. */
  record Channel(int handle, int physio, String label, int periodTicks, int significantBits, int lowScaled,
      int highScaled, int lowMantissa, int lowExponent, int highMantissa, int highExponent, int unit) {
    int samplesPerArray() {
      return (int) (ARRAY_TICKS / periodTicks);
    }

    double low() {
      return lowMantissa * Math.pow(10, lowExponent);
    }

    double high() {
      return highMantissa * Math.pow(10, highExponent);
    }

    /** The raw value standing for {@code value} in the unit, clipped to the scaled range. */
    int raw(double value) {
      double r = lowScaled + (value - low()) / (high() - low()) * (highScaled - lowScaled);
      return (int) Math.max(lowScaled, Math.min(highScaled, Math.round(r)));
    }
  }

  static final List<Channel> CHANNELS = List.of(
      new Channel(0x02CB, 0x0102, "II", 16, 14, 0, 0x3FFF, -4096, -2, 40955, -3, 0x10B2),
      new Channel(0x0421, 0x4BB4, "Pleth", 64, 12, 0, 0x0FFF, 0, 0, 1, 0, 0x0200),
      new Channel(0x0501, 0x5000, "Resp", 128, 12, 0, 0x0FFF, -6, -1, 19, -1, 0x0200));

  private final WaveShapes shapes = new WaveShapes();

  /** The answer to a single poll of the sample arrays' static attributes. */
  static List<Polled> statics() {
    List<Polled> out = new ArrayList<>();
    for (Channel c : CHANNELS) {
      byte[] spec = ByteBuffer.allocate(6).putShort((short) c.samplesPerArray()).put((byte) 16)
          .put((byte) c.significantBits()).putShort((short) 0x3000).array();
      byte[] scale = ByteBuffer.allocate(12).putInt(floatType(c.lowMantissa(), c.lowExponent()))
          .putInt(floatType(c.highMantissa(), c.highExponent())).putShort((short) c.lowScaled())
          .putShort((short) c.highScaled()).array();
      out.add(new Polled(c.handle(), IntellivueMessages.attributes(
          IntellivueMessages.attribute(ATTR_SA_SPECN, spec),
          IntellivueMessages.attribute(ATTR_TIME_PD_SAMP, ByteBuffer.allocate(4).putInt(c.periodTicks()).array()),
          IntellivueMessages.attribute(ATTR_SCALE, scale),
          IntellivueMessages.attribute(ATTR_UNIT, ByteBuffer.allocate(2).putShort((short) c.unit()).array()),
          IntellivueMessages.attribute(ATTR_LABEL, ByteBuffer.allocate(4).putInt(0x00020000 | c.physio()).array()),
          IntellivueMessages.attribute(ATTR_LABEL_STRING, IntellivueMessages.string(c.label())))));
    }
    return out;
  }

  /** The next 256 ms of every wave, following the script's vitals at that moment. */
  List<Polled> next(PhysiologyScript.Vitals v) {
    // one shape clock at the ECG's rate; the slower waves take every 4th or 8th sample of it
    Channel ecg = CHANNELS.get(0);
    double[][] w = shapes.next(ecg.samplesPerArray(), 8000.0 / ecg.periodTicks(), v.heartRate(), v.respirationRate(),
        v.spo2());
    List<Polled> out = new ArrayList<>();
    for (int k = 0; k < CHANNELS.size(); k++) {
      Channel c = CHANNELS.get(k);
      int step = c.periodTicks() / ecg.periodTicks();
      ByteBuffer samples = ByteBuffer.allocate(2 * c.samplesPerArray());
      for (int i = 0; i < c.samplesPerArray(); i++) {
        double value = k == 0 ? w[0][i * step] : k == 1 ? w[1][i * step] : 0.5 + 0.4 * w[2][i * step];
        samples.putShort((short) c.raw(value));
      }
      byte[] obs = ByteBuffer.allocate(6 + samples.capacity()).putShort((short) c.physio()).putShort((short) 0)
          .putShort((short) samples.capacity()).put(samples.array()).array();
      out.add(new Polled(c.handle(), IntellivueMessages.attributes(IntellivueMessages.attribute(ATTR_SA_VAL_OBS, obs))));
    }
    return out;
  }

  private static int floatType(int mantissa, int exponent) {
    return (exponent << 24) | (mantissa & 0xFFFFFF);
  }
}
