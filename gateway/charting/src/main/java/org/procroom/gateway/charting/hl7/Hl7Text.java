package org.procroom.gateway.charting.hl7;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** HL7 v2 text: the escape sequences of the default delimiters, and timestamps with their offset. */
final class Hl7Text {
  private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ").withZone(ZoneOffset.UTC);

  private Hl7Text() {}

  /** A value made safe for one field or component: delimiters escaped, line breaks as spaces. */
  static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (char ch : value.toCharArray()) {
      switch (ch) {
        case '\\' -> out.append("\\E\\");
        case '|' -> out.append("\\F\\");
        case '^' -> out.append("\\S\\");
        case '&' -> out.append("\\T\\");
        case '~' -> out.append("\\R\\");
        case '\r', '\n' -> out.append(' ');
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  /**
   * A DICOM PN as HL7 XPN. PN is family^given^middle^prefix^suffix, XPN family^given^middle^suffix^prefix;
   * only PN's first (alphabetic) group is used, the ideographic and phonetic ones after '=' are not.
   */
  static String personName(String pn) {
    if (pn == null) {
      return "";
    }
    String[] parts = pn.split("=", -1)[0].split("\\^", -1);
    String[] xpn = new String[5];
    for (int i = 0; i < 5; i++) {
      xpn[i] = i < parts.length ? parts[i] : "";
    }
    String prefix = xpn[3];
    xpn[3] = xpn[4];
    xpn[4] = prefix;
    int last = 4;
    while (last > 0 && xpn[last].isEmpty()) {
      last--;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i <= last; i++) {
      if (i > 0) {
        out.append('^');
      }
      out.append(escape(xpn[i]));
    }
    return out.toString();
  }

  /** DTM with milliseconds and the UTC offset, e.g. {@code 20261201101502.250+0000}. */
  static String time(Instant at) {
    return at == null ? "" : DTM.format(at);
  }

  /** NM: plain decimal digits, never an exponent (1.0E-4 is not an HL7 number). */
  static String number(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
