package org.procroom.simulators.vitals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.procroom.simulators.vitals.IntellivueMessages.Polled;

/**
 * The simulated monitor's real-time sample arrays: ECG II at 500 Hz, pleth at 125 Hz and
 * respiration at 62.5 Hz ({@link #STANDARD}), or also ECG I and III and CO2 at 62.5 Hz
 * ({@link #ALL}, as the bench's monitors), 256 ms of each per poll result, with the static
 * attributes a client reads first (sample array specification, sample period, scale and range,
 * unit, label). Samples are 16-bit words whose significant bits hold the value, as the real
 * monitor's captured ECG (0x1FFF at rest) and pleth (0x0800 to 0x099A) show.
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

  private static final Channel II = new Channel(0x02CB, 0x0102, "II", 16, 14, 0, 0x3FFF, -4096, -2, 40955, -3, 0x10B2);
  private static final Channel PLETH = new Channel(0x0421, 0x4BB4, "Pleth", 64, 12, 0, 0x0FFF, 0, 0, 1, 0, 0x0200);
  private static final Channel RESP = new Channel(0x0501, 0x5000, "Resp", 128, 12, 0, 0x0FFF, -6, -1, 19, -1, 0x0200);
  private static final Channel I = new Channel(0x02CA, 0x0101, "I", 16, 14, 0, 0x3FFF, -4096, -2, 40955, -3, 0x10B2);
  private static final Channel III = new Channel(0x02CC, 0x013D, "III", 16, 14, 0, 0x3FFF, -4096, -2, 40955, -3, 0x10B2);
  private static final Channel CO2 = new Channel(0x0502, 0x50AC, "CO2", 128, 12, 0, 0x0FFF, 0, 0, 100, 0, 0x0F20);

  static final List<Channel> STANDARD = List.of(II, PLETH, RESP);
  static final List<Channel> ALL = List.of(I, II, III, PLETH, RESP, CO2);

  private final List<Channel> channels;
  private final WaveShapes shapes = new WaveShapes();

  IntellivueWaveSource(List<Channel> channels) {
    this.channels = List.copyOf(channels);
  }

  /** Samples of each channel in {@code results} poll results. */
  java.util.Map<String, Long> samplesPerResult(long results) {
    java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
    channels.forEach(c -> out.put(c.label(), results * c.samplesPerArray()));
    return out;
  }

  /** The answer to a single poll of the sample arrays' static attributes. */
  List<Polled> statics() {
    List<Polled> out = new ArrayList<>();
    for (Channel c : channels) {
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
    int clockTicks = II.periodTicks();
    double[][] w = shapes.next(II.samplesPerArray(), 8000.0 / clockTicks, v.heartRate(), v.respirationRate(), v.spo2());
    List<Polled> out = new ArrayList<>();
    for (Channel c : channels) {
      int step = c.periodTicks() / clockTicks;
      ByteBuffer samples = ByteBuffer.allocate(2 * c.samplesPerArray());
      for (int i = 0; i < c.samplesPerArray(); i++) {
        samples.putShort((short) c.raw(value(c, w, i * step, v)));
      }
      byte[] obs = ByteBuffer.allocate(6 + samples.capacity()).putShort((short) c.physio()).putShort((short) 0)
          .putShort((short) samples.capacity()).put(samples.array()).array();
      out.add(new Polled(c.handle(), IntellivueMessages.attributes(IntellivueMessages.attribute(ATTR_SA_VAL_OBS, obs))));
    }
    return out;
  }

  /** Lead I and III as fractions of II (Einthoven: I + III = II), CO2 in mmHg at the script's end-tidal value. */
  private static double value(Channel c, double[][] w, int i, PhysiologyScript.Vitals v) {
    return switch (c.label()) {
      case "I" -> 0.6 * w[0][i];
      case "III" -> 0.4 * w[0][i];
      case "Pleth" -> w[1][i];
      case "Resp" -> 0.5 + 0.4 * w[2][i];
      case "CO2" -> w[3][i] * v.etco2Percent() * 7.6;
      default -> w[0][i];
    };
  }

  private static int floatType(int mantissa, int exponent) {
    return (exponent << 24) | (mantissa & 0xFFFFFF);
  }
}
