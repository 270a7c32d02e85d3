package org.procroom.drivers.barcode.gs1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The GS1 Barcode Syntax Dictionary's linters: each checks one component's data and returns null
 * when it holds, else the GS1 linter error name (as the syntax engine names it, without the
 * {@code GS1_LINTER_} prefix). Code lists are the pinned data files beside the dictionary.
 */
public final class Gs1Linters {
  static final String CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
  private static final String CSET39 = "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String CSET64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final String CHECK_PAIR = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String IMPORTER_IDX = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
  private static final int[] PRIMES = primes(97);
  private static final Set<String> ISO3166 = codes("iso3166.txt");
  private static final Set<String> ISO3166_ALPHA2 = codes("iso3166alpha2.txt");
  private static final Set<String> ISO4217 = codes("iso4217.txt");
  private static final Set<String> ISO5218 = codes("iso5218.txt");
  private static final Set<String> MEDIA_TYPES = codes("mediatypes.txt");
  private static final Set<String> PACKAGE_TYPES = codes("packagetypes.txt");
  /** Linters the dictionary's format once had; they accept everything. */
  private static final Set<String> RETIRED = Set.of("key", "keyoff1", "hhmm", "iso3166list", "mmoptss", "yymmddhh");

  private Gs1Linters() {}

  /** True for a linter name this table knows. */
  public static boolean known(String name) {
    return RETIRED.contains(name) || lint(name, "0", 2021) != UNKNOWN;
  }

  private static final String UNKNOWN = "UNKNOWN_LINTER";

  /**
   * @param referenceYear the year the two-digit-year window is centred on (GS1: within -49..+50 of it)
   */
  public static String lint(String name, String data, int referenceYear) {
    return switch (name) {
      case "csetnumeric" -> digits(data);
      case "cset82" -> charset(data, CSET82, "INVALID_CSET82_CHARACTER");
      case "cset39" -> charset(data, CSET39, "INVALID_CSET39_CHARACTER");
      case "cset64" -> cset64(data);
      case "csum" -> csum(data);
      case "csumalpha" -> csumalpha(data);
      case "gcppos1" -> gcp(data, 0);
      case "gcppos2" -> data.length() < 2 ? "TOO_SHORT_FOR_GCP" : gcp(data.substring(1), 1);
      case "hasnondigit" -> data.chars().anyMatch(c -> c < '0' || c > '9') ? null : "REQUIRES_NON_DIGIT_CHARACTER";
      case "yymmd0" -> date(data, 6, true, referenceYear);
      case "yymmdd" -> date(data, 6, false, referenceYear);
      case "yyyymmd0" -> date(data, 8, true, referenceYear);
      case "yyyymmdd" -> date(data, 8, false, referenceYear);
      case "hhmi" -> hhmi(data);
      case "hh" -> twoDigits(data, 23, "HOUR_TOO_SHORT", "HOUR_TOO_LONG", "ILLEGAL_HOUR");
      case "mi" -> twoDigits(data, 59, "MINUTE_TOO_SHORT", "MINUTE_TOO_LONG", "ILLEGAL_MINUTE");
      case "ss" -> twoDigits(data, 59, "SECOND_TOO_SHORT", "SECOND_TOO_LONG", "ILLEGAL_SECOND");
      case "iso3166" -> ISO3166.contains(data) ? null : "NOT_ISO3166";
      case "iso3166999" -> data.equals("999") || ISO3166.contains(data) ? null : "NOT_ISO3166_OR_999";
      case "iso3166alpha2" -> ISO3166_ALPHA2.contains(data) ? null : "NOT_ISO3166_ALPHA2";
      case "iso4217" -> ISO4217.contains(data) ? null : "NOT_ISO4217";
      case "iso5218" -> ISO5218.contains(data) ? null : "INVALID_BIOLOGICAL_SEX_CODE";
      case "pcenc" -> pcenc(data);
      case "pieceoftotal" -> pieceOfTotal(data);
      case "posinseqslash" -> positionInSequence(data);
      case "nonzero" -> digits(data) != null ? "NON_DIGIT_CHARACTER" : data.chars().allMatch(c -> c == '0')
          ? "ILLEGAL_ZERO_VALUE" : null;
      case "zero" -> !data.isEmpty() && data.chars().allMatch(c -> c == '0') ? null : "NOT_ZERO";
      case "nozeroprefix" -> digits(data) != null ? "NON_DIGIT_CHARACTER" : !data.isEmpty() && data.charAt(0) == '0'
          ? "ILLEGAL_ZERO_PREFIX" : null;
      case "winding" -> data.length() == 1 && "019".indexOf(data.charAt(0)) >= 0 ? null : "INVALID_WINDING_DIRECTION";
      case "yesno" -> data.equals("0") || data.equals("1") ? null : "NOT_ZERO_OR_ONE";
      case "hyphen" -> !data.isEmpty() && data.chars().allMatch(c -> c == '-') ? null : "NOT_HYPHEN";
      case "latitude" -> coordinate(data, 1_800_000_000L, "LATITUDE_INVALID_LENGTH", "INVALID_LATITUDE");
      case "longitude" -> coordinate(data, 3_600_000_000L, "LONGITUDE_INVALID_LENGTH", "INVALID_LONGITUDE");
      case "iban" -> iban(data);
      case "importeridx" -> data.length() != 1 ? "IMPORTER_IDX_MUST_BE_ONE_CHARACTER"
          : IMPORTER_IDX.indexOf(data.charAt(0)) >= 0 ? null : "INVALID_IMPORT_IDX_CHARACTER";
      case "mediatype" -> MEDIA_TYPES.contains(data) ? null : "INVALID_MEDIA_TYPE";
      case "packagetype" -> PACKAGE_TYPES.contains(data) ? null : "INVALID_PACKAGE_TYPE";
      // North American retail coupons (AIs 8110, 8112) never label medication: digits only are checked.
      case "couponcode", "couponposoffer" -> digits(data);
      default -> RETIRED.contains(name) ? null : UNKNOWN;
    };
  }

  static String digits(String data) {
    for (int i = 0; i < data.length(); i++) {
      if (data.charAt(i) < '0' || data.charAt(i) > '9') {
        return "NON_DIGIT_CHARACTER";
      }
    }
    return null;
  }

  private static String charset(String data, String set, String error) {
    for (int i = 0; i < data.length(); i++) {
      if (set.indexOf(data.charAt(i)) < 0) {
        return error;
      }
    }
    return null;
  }

  private static String cset64(String data) {
    int padding = 0;
    while (padding < data.length() && data.charAt(data.length() - 1 - padding) == '=') {
      padding++;
    }
    if (padding > 2 || (padding > 0 && data.length() % 3 != 0)) {
      return "INVALID_CSET64_PADDING";
    }
    return charset(data.substring(0, data.length() - padding), CSET64, "INVALID_CSET64_CHARACTER");
  }

  static String csum(String data) {
    if (data.isEmpty()) {
      return "TOO_SHORT_FOR_CHECK_DIGIT";
    }
    if (digits(data) != null) {
      return "NON_DIGIT_CHARACTER";
    }
    return checkDigit(data.subSequence(0, data.length() - 1)) == data.charAt(data.length() - 1) - '0'
        ? null : "INCORRECT_CHECK_DIGIT";
  }

  /**
   * GS1 mod 10 (GTIN, SSCC, GSRN, GLN): weights 3,1,3,... from the right over {@code digits}, which
   * exclude the check digit; check = (10 - sum mod 10) mod 10.
   */
  public static int checkDigit(CharSequence digits) {
    int sum = 0;
    for (int i = digits.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
      sum += (digits.charAt(i) - '0') * weight;
    }
    return (10 - sum % 10) % 10;
  }

  private static String csumalpha(String data) {
    int length = data.length();
    if (length < 2) {
      return "TOO_SHORT_FOR_CHECK_PAIR";
    }
    if (length > PRIMES.length + 2) {
      return "TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION";
    }
    // The check pair itself is compared below; only the data before it must be CSET 82.
    if (charset(data.substring(0, length - 2), CSET82, "x") != null) {
      return "INVALID_CSET82_CHARACTER";
    }
    int sum = 0;
    for (int i = 0; i < length - 2; i++) {
      sum += CSET82.indexOf(data.charAt(i)) * PRIMES[length - 3 - i];
    }
    sum %= 1021;
    boolean ok = data.charAt(length - 2) == CHECK_PAIR.charAt(sum >> 5)
        && data.charAt(length - 1) == CHECK_PAIR.charAt(sum & 31);
    return ok ? null : "INCORRECT_CHECK_PAIR";
  }

  /** Without a GS1 Company Prefix directory: at least four characters, the first four digits. */
  private static String gcp(String data, int offset) {
    if (data.length() < 4) {
      return "TOO_SHORT_FOR_GCP";
    }
    return digits(data.substring(0, 4)) != null ? "INVALID_GCP_PREFIX" : null;
  }

  private static String date(String data, int length, boolean dayZero, int referenceYear) {
    if (data.length() < length) {
      return "DATE_TOO_SHORT";
    }
    if (data.length() > length) {
      return "DATE_TOO_LONG";
    }
    if (digits(data) != null) {
      return "NON_DIGIT_CHARACTER";
    }
    int year = Integer.parseInt(data.substring(0, length - 4));
    if (length == 6) {
      year = Gs1Century.year(year, referenceYear);
    }
    int month = Integer.parseInt(data.substring(length - 4, length - 2));
    int day = Integer.parseInt(data.substring(length - 2));
    if (month < 1 || month > 12) {
      return "ILLEGAL_MONTH";
    }
    if ((day == 0 && !dayZero) || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return "ILLEGAL_DAY";
    }
    return null;
  }

  private static String hhmi(String data) {
    if (data.length() != 4) {
      return data.length() < 4 ? "HOUR_WITH_MINUTE_TOO_SHORT" : "HOUR_WITH_MINUTE_TOO_LONG";
    }
    if (digits(data) != null) {
      return "NON_DIGIT_CHARACTER";
    }
    if (Integer.parseInt(data.substring(0, 2)) > 23) {
      return "ILLEGAL_HOUR";
    }
    return Integer.parseInt(data.substring(2)) > 59 ? "ILLEGAL_MINUTE" : null;
  }

  private static String twoDigits(String data, int max, String tooShort, String tooLong, String illegal) {
    if (data.length() != 2) {
      return data.length() < 2 ? tooShort : tooLong;
    }
    if (digits(data) != null) {
      return "NON_DIGIT_CHARACTER";
    }
    return Integer.parseInt(data) > max ? illegal : null;
  }

  private static String pcenc(String data) {
    for (int i = 0; i < data.length(); i++) {
      if (data.charAt(i) == '%') {
        if (i + 2 >= data.length() || !hex(data.charAt(i + 1)) || !hex(data.charAt(i + 2))) {
          return "INVALID_PERCENT_SEQUENCE";
        }
        i += 2;
      }
    }
    return null;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
  }

  private static String pieceOfTotal(String data) {
    if (digits(data) != null) {
      return "NON_DIGIT_CHARACTER";
    }
    if (data.isEmpty() || data.length() % 2 != 0) {
      return "INVALID_LENGTH_FOR_PIECE_OF_TOTAL";
    }
    String piece = data.substring(0, data.length() / 2);
    String total = data.substring(data.length() / 2);
    if (piece.chars().allMatch(c -> c == '0')) {
      return "ZERO_PIECE_NUMBER";
    }
    if (total.chars().allMatch(c -> c == '0')) {
      return "ZERO_TOTAL_PIECES";
    }
    return piece.compareTo(total) > 0 ? "PIECE_NUMBER_EXCEEDS_TOTAL" : null;
  }

  private static String positionInSequence(String data) {
    int slash = data.indexOf('/');
    if (slash <= 0 || slash == data.length() - 1 || data.indexOf('/', slash + 1) >= 0
        || digits(data.substring(0, slash)) != null || digits(data.substring(slash + 1)) != null) {
      return "POSITION_IN_SEQUENCE_MALFORMED";
    }
    String position = data.substring(0, slash);
    String end = data.substring(slash + 1);
    if (position.charAt(0) == '0' || end.charAt(0) == '0') {
      return "ILLEGAL_ZERO_PREFIX";
    }
    boolean exceeds = position.length() != end.length() ? position.length() > end.length()
        : position.compareTo(end) > 0;
    return exceeds ? "POSITION_EXCEEDS_END" : null;
  }

  private static String coordinate(String data, long max, String badLength, String invalid) {
    if (data.length() != 10) {
      return badLength;
    }
    if (digits(data) != null) {
      return "NON_DIGIT_CHARACTER";
    }
    return Long.parseLong(data) > max ? invalid : null;
  }

  private static String iban(String data) {
    if (data.length() < 4) {
      return "IBAN_TOO_SHORT";
    }
    if (!ISO3166_ALPHA2.contains(data.substring(0, 2))) {
      return "ILLEGAL_IBAN_COUNTRY_CODE";
    }
    if (data.length() > 34) {
      return "IBAN_TOO_LONG";
    }
    if (data.length() <= 10) {
      return "IBAN_TOO_SHORT";
    }
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
        return "INVALID_IBAN_CHARACTER";
      }
    }
    String moved = data.substring(4) + data.substring(0, 4);
    int sum = 0;
    for (int i = 0; i < moved.length(); i++) {
      char c = moved.charAt(i);
      sum = c <= '9' ? (sum * 10 + (c - '0')) % 97 : (sum * 100 + (c - 'A' + 10)) % 97;
    }
    return sum == 1 ? null : "INCORRECT_IBAN_CHECKSUM";
  }

  private static int[] primes(int count) {
    int[] p = new int[count];
    int n = 0;
    for (int candidate = 2; n < count; candidate++) {
      boolean prime = true;
      for (int i = 0; i < n && p[i] * p[i] <= candidate; i++) {
        if (candidate % p[i] == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        p[n++] = candidate;
      }
    }
    return p;
  }

  private static Set<String> codes(String file) {
    Set<String> set = new HashSet<>();
    try (InputStream in = Gs1Linters.class.getResourceAsStream("/org/procroom/drivers/barcode/gs1/" + file)) {
      if (in == null) {
        throw new IllegalStateException("gs1/" + file + " is missing from the build");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          set.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(set);
  }
}
