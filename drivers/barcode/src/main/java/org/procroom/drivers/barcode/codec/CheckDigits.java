package org.procroom.drivers.barcode.codec;

import org.procroom.drivers.barcode.gs1.Gs1Linters;

/** The check characters of the data carriers we read. */
public final class CheckDigits {
  private static final String HIBC_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";

  private CheckDigits() {}

  /** GS1 mod 10 over {@code digits}, which exclude the check digit: the GS1 linters' own rule. */
  public static int gs1(CharSequence digits) {
    return Gs1Linters.checkDigit(digits);
  }

  /** HIBC mod 43 over every character (the '+' flag included), or -1 for a character outside the HIBC set. */
  public static int hibc(CharSequence data) {
    int sum = 0;
    for (int i = 0; i < data.length(); i++) {
      int value = HIBC_ALPHABET.indexOf(data.charAt(i));
      if (value < 0) {
        return -1;
      }
      sum += value;
    }
    return sum % 43;
  }

  public static char hibcCharacter(int value) {
    return HIBC_ALPHABET.charAt(value);
  }

  /** IFA PPN: sum of ASCII code x weight (2, 3, ...) over "11" + PZN, mod 97, as two digits. */
  public static String ppn(CharSequence prefixAndPzn) {
    int sum = 0;
    for (int i = 0; i < prefixAndPzn.length(); i++) {
      sum += prefixAndPzn.charAt(i) * (i + 2);
    }
    return String.format("%02d", sum % 97);
  }

  /** PZN-8: first seven digits weighted 1..7, mod 11; 10 means the number cannot be a PZN (-1). */
  public static int pzn(CharSequence firstSeven) {
    int sum = 0;
    for (int i = 0; i < 7; i++) {
      sum += (firstSeven.charAt(i) - '0') * (i + 1);
    }
    int check = sum % 11;
    return check == 10 ? -1 : check;
  }

  public static boolean allDigits(CharSequence s) {
    if (s.length() == 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
