package org.procroom.drivers.barcode.codec;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;

/** GS1 dates: YYMMDD with the sliding century window, and DD = 00 meaning the month's last day. */
public final class Gs1Dates {
  private Gs1Dates() {}

  /** Parses YYMMDD relative to {@code today}; throws {@link IllegalArgumentException} saying which part is wrong. */
  public static LocalDate yymmdd(String text, LocalDate today) {
    int yy = Integer.parseInt(text.substring(0, 2));
    int month = Integer.parseInt(text.substring(2, 4));
    int day = Integer.parseInt(text.substring(4, 6));
    return date(century(yy, today.getYear()) + yy, month, day, true);
  }

  /** YYYYMMDD (e.g. AI 7250 date of birth); DD = 00 is not allowed there. */
  public static LocalDate yyyymmdd(String text) {
    return date(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(4, 6)),
        Integer.parseInt(text.substring(6, 8)), false);
  }

  /** GS1 General Specifications 7.12: a two-digit year lies within -49..+50 years of the current one. */
  static int century(int yy, int currentYear) {
    return org.procroom.drivers.barcode.gs1.Gs1Century.year(yy, currentYear) - yy;
  }

  private static LocalDate date(int year, int month, int day, boolean dayZeroMeansLast) {
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("month " + month + " does not exist");
    }
    YearMonth ym = YearMonth.of(year, month);
    if (day == 0 && dayZeroMeansLast) {
      return ym.atEndOfMonth();
    }
    try {
      return ym.atDay(day);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("day " + day + " does not exist in " + ym);
    }
  }
}
