package org.procroom.drivers.barcode.codec;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * German IFA / securPharm coding: the ISO/IEC 15434 envelope {@code [)>RS06GS...RSEOT} with ASC
 * MH10.8.2 data identifiers, each with its length and character set: 9N PPN (with its mod-97
 * check; the PZN inside a PZN-based PPN with its own), 8P GTIN, 1T batch, D expiry (YYMMDD, day 00
 * for the month), 16D manufacture date (YYYYMMDD), S serial, 27Q quantity. A control character, an
 * unknown identifier, a field without one, or both a PPN and a GTIN make the code invalid; so does
 * a code without a product (nothing to check it against).
 */
final class Ifa {
  static final String ENVELOPE = "[)>" + ScanText.RS + "06" + ScanText.GS;
  private static final Pattern DATA_IDENTIFIER = Pattern.compile("^(\\d{0,3}[A-Z])(.*)$", Pattern.DOTALL);
  private static final String ALPHANUMERIC = "[0-9A-Z]";
  /** Batch and serial as the IFA coding rules allow them (securPharm packs also carry lower case). */
  private static final String BATCH_SERIAL = "[0-9A-Za-z_-]";

  /** What each data identifier may hold: its pattern (character set and lengths) and name. */
  private record Rule(String name, Pattern value) {}

  private static final Map<String, Rule> RULES = Map.of(
      "9N", new Rule("PPN", Pattern.compile(ALPHANUMERIC + "{4,22}")),
      "8P", new Rule("GTIN", Pattern.compile("\\d{14}")),
      "1T", new Rule("batch", Pattern.compile(BATCH_SERIAL + "{1,20}")),
      "D", new Rule("expiry", Pattern.compile("\\d{6}")),
      "16D", new Rule("manufacture date", Pattern.compile("\\d{8}")),
      "S", new Rule("serial", Pattern.compile(BATCH_SERIAL + "{1,20}")),
      "27Q", new Rule("quantity", Pattern.compile("\\d{1,8}")));

  private Ifa() {}

  static DecodedBarcode decode(String symbology, String data, LocalDate today) {
    DecodedBarcode.Builder b = DecodedBarcode.builder(DecodedBarcode.Format.IFA, symbology);
    String trailer = String.valueOf(ScanText.RS) + ScanText.EOT;
    if (!data.endsWith(trailer)) {
      return b.invalid("ISO/IEC 15434: the message must end with RS EOT");
    }
    String body = data.substring(ENVELOPE.length(), data.length() - trailer.length());
    if (body.startsWith("+")) {
      // HIBC data in the same envelope (ANSI/HIBC 2.6 and PAS 1.3 allow it)
      return body.startsWith("+/") ? Hibc.pas(symbology, body) : Hibc.decode(symbology, body, today);
    }
    Set<String> seen = new HashSet<>();
    for (String field : body.split(String.valueOf(ScanText.GS), -1)) {
      if (field.isEmpty()) {
        continue;
      }
      Matcher m = DATA_IDENTIFIER.matcher(field);
      if (!m.matches()) {
        return b.invalid("ISO/IEC 15434 format 06: field '" + ScanText.printable(field) + "' has no data identifier");
      }
      String di = m.group(1);
      String value = m.group(2);
      Rule rule = RULES.get(di);
      if (rule == null) {
        return b.invalid("ISO/IEC 15434 format 06: data identifier " + di + " is not one the gateway reads");
      }
      if (!seen.add(di)) {
        return b.invalid("DI " + di + " (" + rule.name() + ") appears twice");
      }
      String problem = value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)
          ? "a control character is not allowed" : !rule.value().matcher(value).matches()
          ? "'" + ScanText.printable(value) + "' is not a " + rule.name() + " (" + rule.value().pattern() + ")"
          : apply(b, di, value, today);
      if (problem != null) {
        return b.invalid("DI " + di + " (" + rule.name() + "): " + problem);
      }
    }
    if (b.ppn != null && b.gtin != null) {
      return b.invalid("ISO/IEC 15434 format 06: both a PPN (9N) and a GTIN (8P): the product is ambiguous");
    }
    if (b.ppn == null && b.gtin == null) {
      return b.invalid("ISO/IEC 15434 format 06 without a product code (DI 9N PPN or 8P GTIN)");
    }
    return b.valid();
  }

  private static String apply(DecodedBarcode.Builder b, String di, String value, LocalDate today) {
    switch (di) {
      case "9N" -> {
        String problem = ppn(value);
        if (problem != null) {
          return problem;
        }
        b.ppn = value;
        b.pzn = value.length() == 12 && value.startsWith("11") ? value.substring(2, 10) : null;
      }
      case "8P" -> {
        if (CheckDigits.gs1(value.substring(0, 13)) != value.charAt(13) - '0') {
          return "check digit is " + value.charAt(13) + ", expected " + CheckDigits.gs1(value.substring(0, 13));
        }
        b.gtin = value;
        b.ndc = BarcodeDecoder.ndc(value);
      }
      case "1T" -> b.lot = value;
      case "S" -> b.serial = value;
      case "D" -> {
        try {
          b.expiry = Gs1Dates.yymmdd(value, today);
        } catch (IllegalArgumentException e) {
          return "'" + value + "' is not a date: " + e.getMessage();
        }
      }
      case "16D" -> {
        try {
          Gs1Dates.yyyymmdd(value.endsWith("00") ? value.substring(0, 6) + "01" : value);
        } catch (IllegalArgumentException e) {
          return "'" + value + "' is not a date: " + e.getMessage();
        }
      }
      default -> { }
    }
    return null;
  }

  /**
   * PPN: two check digits over the rest (ASCII codes weighted 2, 3, 4, ... mod 97); a PZN-based PPN
   * ("11" + PZN-8) also carries the PZN's own mod-11 check digit.
   */
  static String ppn(String value) {
    String expected = CheckDigits.ppn(value.substring(0, value.length() - 2));
    if (!expected.equals(value.substring(value.length() - 2))) {
      return "check digits are " + value.substring(value.length() - 2) + ", expected " + expected;
    }
    if (value.length() == 12 && value.startsWith("11") && CheckDigits.allDigits(value)) {
      int pznCheck = CheckDigits.pzn(value.substring(2, 9));
      if (pznCheck != value.charAt(9) - '0') {
        return "PZN " + value.substring(2, 10) + " has a wrong check digit";
      }
    }
    return null;
  }
}
