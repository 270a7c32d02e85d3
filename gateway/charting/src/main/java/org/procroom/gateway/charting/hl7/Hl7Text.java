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

  /** A DICOM PN (Family^Given^Middle) as HL7 XPN: the same component order, each part escaped. */
  static String personName(String pn) {
    if (pn == null) {
      return "";
    }
    String[] parts = pn.split("\\^", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.length && i < 5; i++) {
      if (i > 0) {
        out.append('^');
      }
      out.append(escape(parts[i]));
    }
    return out.toString();
  }

  /** DTM with milliseconds and the UTC offset, e.g. {@code 20261201101502.250+0000}. */
  static String time(Instant at) {
    return at == null ? "" : DTM.format(at);
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
