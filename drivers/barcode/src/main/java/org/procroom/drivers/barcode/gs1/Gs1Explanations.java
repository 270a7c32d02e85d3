package org.procroom.drivers.barcode.gs1;

import java.time.YearMonth;
import java.util.Locale;

/** A linter's finding in words staff can act on: which character, which digit, which date. */
final class Gs1Explanations {
  private Gs1Explanations() {}

  static String explain(String linter, String error, String data, int referenceYear) {
    String shown = Gs1Elements.printable(data);
    return switch (error) {
      case "NON_DIGIT_CHARACTER" -> badCharacter(data, "0123456789", "digits only");
      case "INVALID_CSET82_CHARACTER" -> badCharacter(data, Gs1Linters.CSET82, "GS1 character set 82");
      case "INVALID_CSET39_CHARACTER" -> badCharacter(data, "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
          "GS1 character set 39");
      case "INCORRECT_CHECK_DIGIT" -> "check digit is " + data.charAt(data.length() - 1) + ", expected "
          + Gs1Linters.checkDigit(data.subSequence(0, data.length() - 1));
      case "ILLEGAL_MONTH" -> "'" + shown + "' is not a date: month " + data.substring(data.length() - 4,
          data.length() - 2) + " does not exist";
      case "ILLEGAL_DAY" -> illegalDay(data, referenceYear);
      default -> "'" + shown + "' breaks the rule " + linter + " ("
          + error.toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
    };
  }

  private static String badCharacter(String data, String allowed, String rule) {
    for (int i = 0; i < data.length(); i++) {
      if (allowed.indexOf(data.charAt(i)) < 0) {
        return "character '" + Gs1Elements.printable(String.valueOf(data.charAt(i))) + "' at position " + i
            + " is not allowed (" + rule + ")";
      }
    }
    return "a character is not allowed (" + rule + ")";
  }

  private static String illegalDay(String data, int referenceYear) {
    int length = data.length();
    int month = Integer.parseInt(data.substring(length - 4, length - 2));
    String day = data.substring(length - 2);
    if (day.equals("00")) {
      return "'" + data + "' is not a date: day 00 is not allowed here";
    }
    int year = length == 6 ? Gs1Century.year(Integer.parseInt(data.substring(0, 2)), referenceYear)
        : Integer.parseInt(data.substring(0, 4));
    return "'" + data + "' is not a date: day " + Integer.parseInt(day) + " does not exist in " + YearMonth.of(year, month);
  }
}
