package org.procroom.drivers.vitals.intellivue;

import java.math.BigDecimal;

/**
 * FLOAT-Type of IEEE 11073-20601 as Data Export sends it: a signed 8-bit exponent and a signed
 * 24-bit mantissa, value = mantissa x 10^exponent. Five mantissas (with exponent 0) are markers,
 * never numbers: NaN (no value), NRes (not at this resolution), +INF, -INF and one reserved.
 */
public final class FloatType {
  private FloatType() {}

  /** A decoded FLOAT-Type: a number, or the marker the sender put in its place. */
  public sealed interface Value {
    record Number(BigDecimal value) implements Value {}

    /** A marker: {@code nan}, {@code nres}, {@code +inf}, {@code -inf} or {@code reserved}. */
    record Marker(String name) implements Value {}
  }

  public static Value decode(int bits) {
    int exponent = bits >> 24;
    int mantissa = (bits << 8) >> 8;
    if (exponent == 0) {
      switch (mantissa) {
        case 0x7FFFFF:
          return new Value.Marker("nan");
        case -0x800000:
          return new Value.Marker("nres");
        case 0x7FFFFE:
          return new Value.Marker("+inf");
        case -0x7FFFFE:
          return new Value.Marker("-inf");
        case -0x7FFFFF:
          return new Value.Marker("reserved");
        default:
          break;
      }
    }
    return new Value.Number(BigDecimal.valueOf(mantissa, -exponent));
  }
}
