package org.procroom.drivers.barcode.codec;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * HIBC LIC supplier labelling (ANSI/HIBC 2.6): the primary {@code +LLLL product(1-18) U} and the
 * secondary data, as one symbol ({@code primary/secondary}, one check character) or as symbols run
 * together ({@code +primary C +secondary L C}, each with its own check character and the secondary's
 * link character equal to the primary's check). Secondary forms: {@code $$} with an optional
 * quantity ({@code 8}nn, {@code 9}nnnnn) and an expiry format (MMYY; {@code 2} MMDDYY, {@code 3}
 * YYMMDD, {@code 4} YYMMDDHH, {@code 5} YYJJJ, {@code 6} YYJJJHH, {@code 7} none) before a lot,
 * {@code $$+} the same before a serial, {@code $} lot, {@code $+} serial, the older YYJJJ + lot;
 * supplemental fields {@code /S} serial, {@code /14D} expiry, {@code /16D} manufacture date,
 * {@code /Q} quantity. Mod 43 check over everything before it. HIBC PAS ({@code +/...}, patient
 * and provider data) is checked and kept as text.
 */
final class Hibc {
  private Hibc() {}

  /** What the secondary data says; the builder collects it. */
  private static final class Fields {
    String lot;
    String serial;
    LocalDate expiry;
    LocalDate manufactured;
    Integer quantity;
  }

  static DecodedBarcode decode(String symbology, String data, LocalDate today) {
    DecodedBarcode.Builder b = DecodedBarcode.builder(DecodedBarcode.Format.HIBC, symbology);
    List<String> symbols = split(data);
    if (symbols == null) {
      return b.invalid(checked(data));
    }
    String primaryCheck = null;
    Fields fields = new Fields();
    for (int i = 0; i < symbols.size(); i++) {
      String symbol = symbols.get(i);
      String problem = checked(symbol);
      if (problem != null) {
        return b.invalid(problem);
      }
      String content = symbol.substring(1, symbol.length() - 1);
      char check = symbol.charAt(symbol.length() - 1);
      if (i == 0 && Character.isLetter(content.charAt(0))) {
        int slash = content.indexOf('/');
        String primary = slash < 0 ? content : content.substring(0, slash);
        String error = primary(b, primary);
        if (error != null) {
          return b.invalid(error);
        }
        primaryCheck = String.valueOf(check);
        if (slash >= 0) {
          error = secondary(fields, content.substring(slash + 1), today);
          if (error != null) {
            return b.invalid(error);
          }
        }
        continue;
      }
      // A secondary symbol of its own ends with the link character before the check character.
      char link = content.charAt(content.length() - 1);
      if (primaryCheck != null && !primaryCheck.equals(String.valueOf(link))) {
        return b.invalid("HIBC secondary: link character is '" + link + "', the primary's check character is '"
            + primaryCheck + "'");
      }
      String error = secondary(fields, content.substring(0, content.length() - 1), today);
      if (error != null) {
        return b.invalid(error);
      }
    }
    b.lot = fields.lot;
    b.serial = fields.serial;
    b.expiry = fields.expiry;
    return b.valid();
  }

  /**
   * HIBC PAS (patient and provider data, {@code +/...}): checked, then kept as text so the room's
   * wristband and badge patterns apply to it.
   */
  static DecodedBarcode pas(String symbology, String data) {
    String problem = checked(data);
    if (problem != null) {
      return DecodedBarcode.builder(DecodedBarcode.Format.HIBC, symbology).invalid("HIBC PAS: " + problem);
    }
    DecodedBarcode.Builder text = DecodedBarcode.builder(DecodedBarcode.Format.TEXT, symbology);
    text.text = data.substring(1, data.length() - 1);
    return text.valid();
  }

  /**
   * The symbols in the data: the whole when it checks as one (a '+' inside, as in {@code $$+}, is
   * data then); else split at each '+' that follows a part that checks and starts a secondary.
   */
  private static List<String> split(String data) {
    if (checked(data) == null) {
      return List.of(data);
    }
    List<String> symbols = new ArrayList<>();
    int start = 0;
    int from = 1;
    while (true) {
      int plus = data.indexOf('+', from);
      if (plus < 0) {
        symbols.add(data.substring(start));
        return symbols.size() == 1 ? null : symbols;
      }
      String candidate = data.substring(start, plus);
      if (candidate.length() >= 3 && checked(candidate) == null && startsSymbol(data, plus)) {
        symbols.add(candidate);
        start = plus;
      }
      from = plus + 1;
    }
  }

  /** A '+' that starts another HIBC symbol: secondary data or its supplemental serial. */
  private static boolean startsSymbol(String data, int plus) {
    if (plus + 1 >= data.length()) {
      return false;
    }
    char next = data.charAt(plus + 1);
    return next == '$' || Character.isDigit(next) || next == 'S' || next == '/';
  }

  /** Null when the last character is the mod 43 check of the rest, else why not. */
  private static String checked(String symbol) {
    if (symbol.length() < 3) {
      return "HIBC: too short";
    }
    String body = symbol.substring(0, symbol.length() - 1);
    char check = symbol.charAt(symbol.length() - 1);
    int sum = CheckDigits.hibc(body);
    if (sum < 0 || CheckDigits.hibc(String.valueOf(check)) < 0) {
      return "HIBC: a character outside the HIBC set (0-9 A-Z - . space $ / + %)";
    }
    if (CheckDigits.hibcCharacter(sum) != check) {
      return "HIBC: check character is '" + check + "', expected '" + CheckDigits.hibcCharacter(sum) + "'";
    }
    return null;
  }

  private static String primary(DecodedBarcode.Builder b, String primary) {
    if (primary.length() < 6 || primary.length() > 23) {
      return "HIBC primary: labeler (4) + product (1-18) + unit of measure (1) expected, found "
          + primary.length() + " characters";
    }
    char unit = primary.charAt(primary.length() - 1);
    if (!Character.isDigit(unit)) {
      return "HIBC primary: unit of measure must be a digit, found '" + unit + "'";
    }
    b.labeler = primary.substring(0, 4);
    b.product = primary.substring(4, primary.length() - 1);
    return null;
  }

  /** One secondary segment and its supplemental fields ({@code /S}, {@code /14D}, {@code /16D}, {@code /Q}). */
  private static String secondary(Fields f, String text, LocalDate today) {
    String[] parts = text.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      // A supplemental field may stand first in a symbol of its own ("+S4012" after a secondary).
      String error = supplemental(f, part) ? null : main(f, part, today);
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  private static boolean supplemental(Fields f, String part) {
    try {
      if (part.startsWith("14D") && part.length() == 11) {
        f.expiry = yyyymmdd(part.substring(3));
      } else if (part.startsWith("16D") && part.length() == 11) {
        f.manufactured = yyyymmdd(part.substring(3));
      } else if (part.startsWith("S") && part.length() > 1) {
        f.serial = part.substring(1);
      } else if (part.startsWith("Q") && part.length() > 1 && CheckDigits.allDigits(part.substring(1))) {
        f.quantity = Integer.parseInt(part.substring(1));
      } else {
        return false;
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String main(Fields f, String part, LocalDate today) {
    try {
      if (part.startsWith("$$")) {
        boolean serial = part.startsWith("$$+");
        String rest = part.substring(serial ? 3 : 2);
        if (!rest.isEmpty() && (rest.charAt(0) == '8' || rest.charAt(0) == '9')) {
          int digits = rest.charAt(0) == '8' ? 2 : 5;
          need(rest, 1 + digits, "quantity");
          f.quantity = Integer.parseInt(rest.substring(1, 1 + digits));
          rest = rest.substring(1 + digits);
        }
        rest = expiry(f, rest, today);
        set(f, serial, rest);
      } else if (part.startsWith("$")) {
        boolean serial = part.startsWith("$+");
        set(f, serial, part.substring(serial ? 2 : 1));
      } else if (part.length() >= 5 && CheckDigits.allDigits(part.substring(0, 5))) {
        f.expiry = julian(part.substring(0, 5));
        set(f, false, part.substring(5));
      } else if (!part.isEmpty()) {
        return "HIBC secondary: unknown data structure '" + part + "'";
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "HIBC secondary: " + e.getMessage();
    }
  }

  private static void set(Fields f, boolean serial, String value) {
    if (value.isEmpty()) {
      return;
    }
    if (serial) {
      f.serial = value;
    } else {
      f.lot = value;
    }
  }

  /** The expiry after {@code $$} (and a quantity): MMYY, or a format digit 2-7; returns what follows it. */
  private static String expiry(Fields f, String s, LocalDate today) {
    if (s.isEmpty()) {
      return s;
    }
    switch (s.charAt(0)) {
      case '2' -> {
        need(s, 7, "MMDDYY");
        f.expiry = Gs1Dates.yymmdd(s.substring(5, 7) + s.substring(1, 5), today);
        return s.substring(7);
      }
      case '3' -> {
        need(s, 7, "YYMMDD");
        f.expiry = Gs1Dates.yymmdd(s.substring(1, 7), today);
        return s.substring(7);
      }
      case '4' -> {
        need(s, 9, "YYMMDDHH");
        f.expiry = Gs1Dates.yymmdd(s.substring(1, 7), today);
        hour(s.substring(7, 9));
        return s.substring(9);
      }
      case '5' -> {
        need(s, 6, "YYJJJ");
        f.expiry = julian(s.substring(1, 6));
        return s.substring(6);
      }
      case '6' -> {
        need(s, 8, "YYJJJHH");
        f.expiry = julian(s.substring(1, 6));
        hour(s.substring(6, 8));
        return s.substring(8);
      }
      case '7' -> {
        return s.substring(1);
      }
      case '0', '1' -> {
        if (s.length() < 4 || !CheckDigits.allDigits(s.substring(0, 4))) {
          throw new IllegalArgumentException("expiry format MMYY needs 4 digits");
        }
        int month = Integer.parseInt(s.substring(0, 2));
        if (month < 1 || month > 12) {
          throw new IllegalArgumentException("expiry month " + month + " does not exist");
        }
        f.expiry = YearMonth.of(2000 + Integer.parseInt(s.substring(2, 4)), month).atEndOfMonth();
        return s.substring(4);
      }
      default -> throw new IllegalArgumentException("'" + s.charAt(0) + "' after $$ is not an expiry format (0-7)"
          + " or quantity (8, 9)");
    }
  }

  private static void need(String s, int length, String what) {
    if (s.length() < length || !CheckDigits.allDigits(s.substring(1, length))) {
      throw new IllegalArgumentException(what + " needs " + (length - 1) + " digits");
    }
  }

  private static void hour(String hh) {
    if (Integer.parseInt(hh) > 23) {
      throw new IllegalArgumentException("hour " + hh + " does not exist");
    }
  }

  private static LocalDate yyyymmdd(String s) {
    try {
      return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
          Integer.parseInt(s.substring(6, 8)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + s + "' is not a date YYYYMMDD");
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
