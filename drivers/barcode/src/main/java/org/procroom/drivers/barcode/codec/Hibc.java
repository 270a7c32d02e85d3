package org.procroom.drivers.barcode.codec;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * HIBC LIC supplier labelling (ANSI/HIBC 2.6): primary {@code +LLLLP*U} + check character;
 * secondary {@code +...} + link + check as its own symbol, or both combined as
 * {@code +LLLLP*U/secondary} with one check character over everything. Mod 43 check.
 */
final class Hibc {
  private Hibc() {}

  static DecodedBarcode decode(String symbology, String data, LocalDate today) {
    DecodedBarcode.Builder b = DecodedBarcode.builder(DecodedBarcode.Format.HIBC, symbology);
    if (data.length() < 3) {
      return b.invalid("HIBC: too short");
    }
    String body = data.substring(0, data.length() - 1);
    char check = data.charAt(data.length() - 1);
    int sum = CheckDigits.hibc(body);
    if (sum < 0) {
      return b.invalid("HIBC: a character outside the HIBC set (0-9 A-Z - . space $ / + %)");
    }
    if (CheckDigits.hibcCharacter(sum) != check) {
      return b.invalid("HIBC: check character is '" + check + "', expected '" + CheckDigits.hibcCharacter(sum) + "'");
    }
    String content = body.substring(1);
    int slash = content.indexOf('/');
    if (Character.isLetter(content.charAt(0))) {
      String primary = slash < 0 ? content : content.substring(0, slash);
      if (primary.length() < 6 || primary.length() > 18) {
        return b.invalid("HIBC primary: labeler (4) + product (1-13) + unit of measure (1) expected, found "
            + primary.length() + " characters");
      }
      b.labeler = primary.substring(0, 4);
      b.product = primary.substring(4, primary.length() - 1);
      if (!Character.isDigit(primary.charAt(primary.length() - 1))) {
        return b.invalid("HIBC primary: unit of measure must be a digit, found '" + primary.charAt(primary.length() - 1) + "'");
      }
      if (slash < 0) {
        return b.valid();
      }
      String problem = secondary(b, content.substring(slash + 1), false, today);
      return problem == null ? b.valid() : b.invalid(problem);
    }
    // A secondary symbol on its own ends with the link character before the check character.
    String problem = secondary(b, content.substring(0, content.length() - 1), true, today);
    return problem == null ? b.valid() : b.invalid(problem);
  }

  /** Secondary data: quantity/date flags, date, lot or serial; supplemental fields after further '/'. */
  private static String secondary(DecodedBarcode.Builder b, String text, boolean separate, LocalDate today) {
    String[] parts = text.split("/", -1);
    String main = parts[0];
    boolean serial = false;
    if (main.startsWith("$$")) {
      main = main.substring(2);
      if (main.startsWith("+")) {
        serial = true;
        main = main.substring(1);
      }
      if (!main.isEmpty() && main.charAt(0) >= '8' && main.charAt(0) <= '9') {
        int qtyLength = main.charAt(0) == '8' ? 2 : 5;
        main = main.substring(Math.min(main.length(), 1 + qtyLength));
      }
      try {
        main = expiry(b, main, today);
      } catch (IllegalArgumentException e) {
        return "HIBC secondary: " + e.getMessage();
      }
    } else if (main.startsWith("$")) {
      main = main.substring(1);
      if (main.startsWith("+")) {
        serial = true;
        main = main.substring(1);
      }
    } else if (main.length() >= 5 && CheckDigits.allDigits(main.substring(0, 5))) {
      try {
        b.expiry = julian(main.substring(0, 5));
      } catch (IllegalArgumentException e) {
        return "HIBC secondary: " + e.getMessage();
      }
      main = main.substring(5);
    } else if (separate) {
      return "HIBC secondary: unknown data structure '" + main + "'";
    }
    if (serial) {
      b.serial = main;
    } else if (!main.isEmpty()) {
      b.lot = main;
    }
    for (int i = 1; i < parts.length; i++) {
      String field = parts[i];
      if (field.startsWith("S")) {
        b.serial = field.substring(1);
      } else if (field.startsWith("14D") && field.length() == 11) {
        try {
          b.expiry = LocalDate.parse(field.substring(3, 7) + "-" + field.substring(7, 9) + "-" + field.substring(9, 11));
        } catch (DateTimeParseException e) {
          return "HIBC supplemental /14D: '" + field.substring(3) + "' is not a date YYYYMMDD";
        }
      }
    }
    return null;
  }

  /** {@code $$} date formats: MMYY, or a format digit 2-7 then MMDDYY, YYMMDD, YYMMDDHH, YYJJJ, YYJJJHH, none. */
  private static String expiry(DecodedBarcode.Builder b, String s, LocalDate today) {
    if (s.isEmpty()) {
      return s;
    }
    char format = s.charAt(0);
    switch (format) {
      case '2' -> {
        need(s, 7, "MMDDYY");
        b.expiry = Gs1Dates.yymmdd(s.substring(5, 7) + s.substring(1, 5), today);
        return s.substring(7);
      }
      case '3' -> {
        need(s, 7, "YYMMDD");
        b.expiry = Gs1Dates.yymmdd(s.substring(1, 7), today);
        return s.substring(7);
      }
      case '4' -> {
        need(s, 9, "YYMMDDHH");
        b.expiry = Gs1Dates.yymmdd(s.substring(1, 7), today);
        return s.substring(9);
      }
      case '5' -> {
        need(s, 6, "YYJJJ");
        b.expiry = julian(s.substring(1, 6));
        return s.substring(6);
      }
      case '6' -> {
        need(s, 8, "YYJJJHH");
        b.expiry = julian(s.substring(1, 6));
        return s.substring(8);
      }
      case '7' -> {
        return s.substring(1);
      }
      default -> {
        need(s, 4, "MMYY");
        int month = Integer.parseInt(s.substring(0, 2));
        if (month < 1 || month > 12) {
          throw new IllegalArgumentException("expiry month " + month + " does not exist");
        }
        b.expiry = YearMonth.of(2000 + Integer.parseInt(s.substring(2, 4)), month).atEndOfMonth();
        return s.substring(4);
      }
    }
  }

  private static void need(String s, int length, String what) {
    if (s.length() < length || !CheckDigits.allDigits(s.substring(1, length))) {
      throw new IllegalArgumentException("expiry format " + what + " needs " + (length - 1) + " digits");
    }
  }

  private static LocalDate julian(String yyjjj) {
    int year = 2000 + Integer.parseInt(yyjjj.substring(0, 2));
    int day = Integer.parseInt(yyjjj.substring(2, 5));
    if (day < 1 || day > (java.time.Year.isLeap(year) ? 366 : 365)) {
      throw new IllegalArgumentException("day " + day + " of " + year + " does not exist");
    }
    return LocalDate.ofYearDay(year, day);
  }
}
