package org.procroom.drivers.barcode.codec;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GS1 Application Identifiers the gateway understands (GS1 General Specifications section 3,
 * GS1 Barcode Syntax Dictionary): the element formats and rules used in healthcare labelling.
 *
 * @param code        the AI, 2 to 4 digits
 * @param numeric     N (digits only) or X (GS1 character set 82)
 * @param minLength   shortest value
 * @param maxLength   longest value (equal to minLength for fixed-length elements)
 * @param checkDigit  the last digit is a GS1 mod-10 check digit
 * @param date        how the value is a date, if it is one
 * @param title       GS1 data title
 */
public record Gs1Ai(String code, boolean numeric, int minLength, int maxLength, boolean checkDigit, DateRule date,
    String title) {

  public enum DateRule { NONE, YYMMDD, YYYYMMDD }

  /** AIs whose first two digits are here have a predefined length: no separator ever follows them. */
  private static final Set<String> PREDEFINED_LENGTH = Set.of(
      "00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
      "31", "32", "33", "34", "35", "36", "41");

  private static final Map<String, Gs1Ai> TABLE = new HashMap<>();

  static {
    fixedN("00", 18, true, "SSCC");
    fixedN("01", 14, true, "GTIN");
    fixedN("02", 14, true, "CONTENT");
    x("10", 20, "BATCH/LOT");
    date("11", "PROD DATE");
    date("12", "DUE DATE");
    date("13", "PACK DATE");
    date("15", "BEST BEFORE or BEST BY");
    date("16", "SELL BY");
    date("17", "USE BY or EXPIRY");
    fixedN("20", 2, false, "VARIANT");
    x("21", 20, "SERIAL");
    x("22", 20, "CPV");
    x("235", 28, "TPX");
    x("240", 30, "ADDITIONAL ID");
    x("241", 30, "CUST. PART No.");
    x("250", 30, "SECONDARY SERIAL");
    x("251", 30, "REF. TO SOURCE");
    varN("30", 8, "VAR. COUNT");
    varN("37", 8, "COUNT");
    for (int group = 310; group <= 369; group++) {
      for (int decimals = 0; decimals <= 9; decimals++) {
        fixedN(group + "" + decimals, 6, false, "MEASURE");
      }
    }
    x("400", 30, "ORDER NUMBER");
    for (int i = 410; i <= 417; i++) {
      fixedN(String.valueOf(i), 13, true, "GLN");
    }
    fixedN("422", 3, false, "ORIGIN");
    for (int i = 710; i <= 717; i++) {
      x(String.valueOf(i), 20, "NHRN");
    }
    fixedN("7003", 10, false, "EXPIRY TIME");
    TABLE.put("7250", new Gs1Ai("7250", true, 8, 8, false, DateRule.YYYYMMDD, "DOB"));
    fixedN("7251", 12, false, "DOB TIME");
    fixedN("7252", 1, false, "BIO SEX");
    x("7253", 40, "FAMILY NAME");
    x("7254", 40, "GIVEN NAME");
    x("7255", 10, "SUFFIX");
    x("7256", 90, "FULL NAME");
    x("7257", 70, "PERSON ADDR");
    x("8004", 30, "GIAI");
    fixedN("8017", 18, true, "GSRN - PROVIDER");
    fixedN("8018", 18, true, "GSRN - RECIPIENT");
    varN("8019", 10, "SRIN");
    x("8020", 25, "REF No.");
    x("90", 30, "INTERNAL");
    for (int i = 91; i <= 99; i++) {
      x(String.valueOf(i), 90, "INTERNAL");
    }
  }

  private static void fixedN(String code, int length, boolean check, String title) {
    TABLE.put(code, new Gs1Ai(code, true, length, length, check, DateRule.NONE, title));
  }

  private static void varN(String code, int max, String title) {
    TABLE.put(code, new Gs1Ai(code, true, 1, max, false, DateRule.NONE, title));
  }

  private static void x(String code, int max, String title) {
    TABLE.put(code, new Gs1Ai(code, false, 1, max, false, DateRule.NONE, title));
  }

  private static void date(String code, String title) {
    TABLE.put(code, new Gs1Ai(code, true, 6, 6, false, DateRule.YYMMDD, title));
  }

  /** The AI that the text starts with at {@code from}; AIs are prefix-free, so at most one fits. */
  public static Optional<Gs1Ai> at(String text, int from) {
    for (int length = 2; length <= 4 && from + length <= text.length(); length++) {
      Gs1Ai ai = TABLE.get(text.substring(from, from + length));
      if (ai != null) {
        return Optional.of(ai);
      }
    }
    return Optional.empty();
  }

  public static Optional<Gs1Ai> of(String code) {
    return Optional.ofNullable(TABLE.get(code));
  }

  public boolean fixedLength() {
    return minLength == maxLength;
  }

  /** No GS separator is needed after this element (GS1 predefined-length list). */
  public boolean predefinedLength() {
    return PREDEFINED_LENGTH.contains(code.substring(0, 2));
  }
}
