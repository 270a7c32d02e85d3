package org.procroom.drivers.vitals.intellivue;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What a real-time sample array's static attributes say about its samples: how many bits each
 * sample has and how many of them are the value (NOM_ATTR_SA_SPECN), the sample period
 * (NOM_ATTR_TIME_PD_SAMP, 125 us ticks), the linear scale from raw to physical values
 * (NOM_ATTR_SCALE_SPECN_I16), the unit (NOM_ATTR_UNIT_CODE) and the monitor's label
 * (NOM_ATTR_ID_LABEL, NOM_ATTR_ID_LABEL_STRING). Any part may be absent from a given poll result;
 * {@link #merge} keeps what an earlier one said.
 */
record SampleArraySpec(Integer sampleBits, Integer significantBits, Integer flags, Long periodTicks,
    Scale scale, Integer unitCode, Long label, String labelString) {
  static final int SA_SPECN = 0x096D;
  static final int TIME_PD_SAMP = 0x098D;
  static final int SCALE_SPECN_I16 = 0x096F;
  static final int UNIT_CODE = 0x0996;
  static final int ID_LABEL = 0x0924;
  static final int ID_LABEL_STRING = 0x0927;

  static final SampleArraySpec NONE = new SampleArraySpec(null, null, null, null, null, null, null, null);

  /**
   * ScaleRangeSpec16: the raw values {@code lowerScaled..upperScaled} stand for
   * {@code lowerAbsolute..upperAbsolute} in the unit, linearly.
   */
  record Scale(FloatType.Value lowerAbsolute, FloatType.Value upperAbsolute, int lowerScaled, int upperScaled) {
    /** value = raw * factor + offset, or empty where a bound is a marker or the range is empty. */
    Optional<double[]> linear() {
      if (!(lowerAbsolute instanceof FloatType.Value.Number lo) || !(upperAbsolute instanceof FloatType.Value.Number hi)
          || upperScaled == lowerScaled) {
        return Optional.empty();
      }
      double factor = (hi.value().doubleValue() - lo.value().doubleValue()) / (upperScaled - lowerScaled);
      return Optional.of(new double[] {factor, lo.value().doubleValue() - lowerScaled * factor});
    }
  }

  /** The static attributes an object of a poll result carries (those absent are null). */
  static SampleArraySpec of(Attributes a) {
    Integer bits = null;
    Integer significant = null;
    Integer flags = null;
    Optional<ByteBuffer> spec = a.get(SA_SPECN);
    if (spec.isPresent()) {
      ByteBuffer b = spec.get();
      Wire.u16(b, "sample array specification array size");
      bits = Wire.u8(b, "sample array specification sample size");
      significant = Wire.u8(b, "sample array specification significant bits");
      flags = Wire.u16(b, "sample array specification flags");
    }
    Long period = a.get(TIME_PD_SAMP).map(b -> Wire.u32(b, "sample period")).orElse(null);
    Scale scale = a.get(SCALE_SPECN_I16).map(b -> new Scale(FloatType.decode(Wire.s32(b, "scale lower absolute value")),
        FloatType.decode(Wire.s32(b, "scale upper absolute value")), Wire.u16(b, "scale lower scaled value"),
        Wire.u16(b, "scale upper scaled value"))).orElse(null);
    Integer unit = a.get(UNIT_CODE).map(b -> Wire.u16(b, "unit code")).orElse(null);
    Long label = a.get(ID_LABEL).map(b -> Wire.u32(b, "label")).orElse(null);
    String labelString = a.get(ID_LABEL_STRING).map(b -> Wire.string(b, "label string")).orElse(null);
    return new SampleArraySpec(bits, significant, flags, period, scale, unit, label, labelString);
  }

  /** This object's newer statements over what {@code earlier} said. */
  SampleArraySpec merge(SampleArraySpec earlier) {
    return new SampleArraySpec(pick(sampleBits, earlier.sampleBits), pick(significantBits, earlier.significantBits),
        pick(flags, earlier.flags), pick(periodTicks, earlier.periodTicks), pick(scale, earlier.scale),
        pick(unitCode, earlier.unitCode), pick(label, earlier.label), pick(labelString, earlier.labelString));
  }

  boolean says() {
    return !equals(NONE);
  }

  private static <T> T pick(T newer, T older) {
    return newer != null ? newer : older;
  }
}
