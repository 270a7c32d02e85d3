package org.procroom.drivers.barcode.gs1;

/**
 * The century of a two-digit year (GS1 General Specifications 7.12): the year that lies within
 * 49 years before to 50 years after the reference year.
 */
public final class Gs1Century {
  private Gs1Century() {}

  public static int year(int twoDigits, int referenceYear) {
    int year = referenceYear - referenceYear % 100 + twoDigits;
    if (year - referenceYear >= 51) {
      year -= 100;
    } else if (year - referenceYear < -49) {
      year += 100;
    }
    return year;
  }
}
