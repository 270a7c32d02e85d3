package org.procroom.drivers.barcode.codec;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * German IFA / securPharm coding: ISO/IEC 15434 envelope {@code [)>RS06GS...RSEOT} with ASC MH10
 * data identifiers 9N (PPN), 1T (batch), D (expiry YYMMDD), S (serial).
 */
final class Ifa {
  static final String ENVELOPE = "[)>" + ScanText.RS + "06" + ScanText.GS;
  private static final Pattern DATA_IDENTIFIER = Pattern.compile("^(\\d{0,3}[A-Z])(.*)$", Pattern.DOTALL);

  private Ifa() {}

  static DecodedBarcode decode(String symbology, String data, LocalDate today) {
    DecodedBarcode.Builder b = DecodedBarcode.builder(DecodedBarcode.Format.IFA, symbology);
    String trailer = String.valueOf(ScanText.RS) + ScanText.EOT;
    if (!data.endsWith(trailer)) {
      return b.invalid("ISO/IEC 15434: the message must end with RS EOT");
    }
    String body = data.substring(ENVELOPE.length(), data.length() - trailer.length());
    for (String field : body.split(String.valueOf(ScanText.GS))) {
      Matcher m = DATA_IDENTIFIER.matcher(field);
      if (!m.matches()) {
        return b.invalid("ISO/IEC 15434 format 06: field '" + ScanText.printable(field) + "' has no data identifier");
      }
      String value = m.group(2);
      switch (m.group(1)) {
        case "9N" -> {
          String problem = ppn(value);
          if (problem != null) {
            return b.invalid("DI 9N (PPN): " + problem);
          }
          b.ppn = value;
          b.pzn = value.substring(2, 10);
        }
        case "1T" -> b.lot = value;
        case "S" -> b.serial = value;
        case "D" -> {
          if (value.length() != 6 || !CheckDigits.allDigits(value)) {
            return b.invalid("DI D (expiry): expected YYMMDD, found '" + value + "'");
          }
          try {
            b.expiry = Gs1Dates.yymmdd(value, today);
          } catch (IllegalArgumentException e) {
            return b.invalid("DI D (expiry): '" + value + "' is not a date: " + e.getMessage());
          }
        }
        default -> { }
      }
    }
    if (b.ppn == null) {
      return b.invalid("ISO/IEC 15434 format 06 without a PPN (DI 9N)");
    }
    return b.valid();
  }

  /** PPN = "11" + PZN-8 + two mod-97 check digits; the PZN carries its own mod-11 check digit. */
  static String ppn(String value) {
    if (value.length() != 12 || !value.startsWith("11") || !CheckDigits.allDigits(value)) {
      return "expected 12 digits starting with 11 (PZN-based PPN), found '" + value + "'";
    }
    String expected = CheckDigits.ppn(value.substring(0, 10));
    if (!expected.equals(value.substring(10))) {
      return "check digits are " + value.substring(10) + ", expected " + expected;
    }
    int pznCheck = CheckDigits.pzn(value.substring(2, 9));
    if (pznCheck != value.charAt(9) - '0') {
      return "PZN " + value.substring(2, 10) + " has a wrong check digit";
    }
    return null;
  }
}
