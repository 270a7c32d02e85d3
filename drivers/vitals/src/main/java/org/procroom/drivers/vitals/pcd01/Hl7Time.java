package org.procroom.drivers.vitals.pcd01;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * HL7 v2 DTM, {@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}, to an instant; a value without
 * an offset is in the sender's zone. Our own reading because HAPI's (through Calendar) took half
 * of a PCD-01 message's mapping time: seven timestamps in a five-numeric message. Mindray monitors
 * write the milliseconds without the dot ({@code 20260124131539000+0800}, in their published field
 * capture); seventeen digits can mean nothing else, so they are read as such.
 */
final class Hl7Time {
  private Hl7Time() {}

  /** The instant, or an {@link IllegalArgumentException} naming what is wrong with the value. */
  static Instant parse(String value, ZoneId senderZone) {
    int sign = Math.max(value.indexOf('+', 4), value.indexOf('-', 4));
    String local = sign < 0 ? value : value.substring(0, sign);
    int dot = local.indexOf('.');
    String digits = dot < 0 ? local : local.substring(0, dot);
    int nanos = 0;
    if (dot < 0 && digits.length() == 17 && allDigits(digits)) {
      nanos = number(digits, 14, 17) * 1_000_000;
      digits = digits.substring(0, 14);
    }
    int length = digits.length();
    if (length < 4 || length > 14 || length % 2 != 0 || !allDigits(digits)) {
      throw new IllegalArgumentException("'" + value + "' is not an HL7 DTM (YYYY[MM[DD[HH[MM[SS]]]]])");
    }
    if (dot >= 0) {
      String fraction = local.substring(dot + 1);
      if (length != 14 || fraction.isEmpty() || fraction.length() > 4 || !allDigits(fraction)) {
        throw new IllegalArgumentException("'" + value + "': a DTM fraction needs seconds and 1 to 4 digits");
      }
      nanos = Integer.parseInt(fraction) * (int) Math.pow(10, 9 - fraction.length());
    }
    try {
      LocalDateTime time = LocalDateTime.of(number(digits, 0, 4), length >= 6 ? number(digits, 4, 6) : 1,
          length >= 8 ? number(digits, 6, 8) : 1, length >= 10 ? number(digits, 8, 10) : 0,
          length >= 12 ? number(digits, 10, 12) : 0, length >= 14 ? number(digits, 12, 14) : 0, nanos);
      if (sign < 0) {
        return time.atZone(senderZone).toInstant();
      }
      String zone = value.substring(sign + 1);
      if (zone.length() != 4 || !allDigits(zone)) {
        throw new IllegalArgumentException("'" + value + "': a DTM offset is +/-HHMM");
      }
      int direction = value.charAt(sign) == '-' ? -1 : 1;
      return time.toInstant(ZoneOffset.ofHoursMinutes(direction * number(zone, 0, 2), direction * number(zone, 2, 4)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + value + "' is not a valid time: " + e.getMessage());
    }
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int number(String s, int from, int to) {
    return Integer.parseInt(s, from, to, 10);
  }
}
