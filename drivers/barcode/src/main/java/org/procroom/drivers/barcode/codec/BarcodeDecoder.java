package org.procroom.drivers.barcode.codec;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * Turns one scan into a {@link DecodedBarcode}. The AIM symbology identifier says what the
 * scanner read; the data's own markers ({@code [)>} envelope, HIBC '+', human-readable brackets)
 * say the rest. Invalid data is an explicit result with the reason, never an exception.
 */
public final class BarcodeDecoder {
  /** GS1 DataMatrix, GS1-128, GS1 DataBar, GS1 QR, GS1 DotCode. */
  private static final Set<String> GS1_SYMBOLOGIES = Set.of("]d2", "]C1", "]e0", "]Q3", "]J1");
  private static final String ENVELOPE_GS1 = "[)>" + ScanText.RS + "05" + ScanText.GS;

  private BarcodeDecoder() {}

  /** Decodes a scan as transmitted: an optional AIM identifier ({@code ]d2}) followed by the data. */
  public static DecodedBarcode decode(String scan, LocalDate today) {
    if (scan.length() >= 3 && scan.charAt(0) == ']') {
      return decode(scan.substring(0, 3), scan.substring(3), today);
    }
    return decode(null, scan, today);
  }

  public static DecodedBarcode decode(String symbology, String data, LocalDate today) {
    if (data.startsWith(Ifa.ENVELOPE)) {
      return Ifa.decode(symbology, data, today);
    }
    if (data.startsWith(ENVELOPE_GS1)) {
      String trailer = String.valueOf(ScanText.RS) + ScanText.EOT;
      if (!data.endsWith(trailer)) {
        return DecodedBarcode.builder(DecodedBarcode.Format.GS1, symbology)
            .invalid("ISO/IEC 15434: the message must end with RS EOT");
      }
      return gs1(symbology, Gs1ElementString.parse(
          data.substring(ENVELOPE_GS1.length(), data.length() - trailer.length()), today), today);
    }
    if (symbology != null && GS1_SYMBOLOGIES.contains(symbology)) {
      return gs1(symbology, Gs1ElementString.parse(data, today), today);
    }
    if ("]E0".equals(symbology) || "]E4".equals(symbology)) {
      return retailGtin(symbology, data);
    }
    if (data.startsWith("+") && !data.startsWith("+/")) {
      return Hibc.decode(symbology, data, today);
    }
    if (data.startsWith("(") && data.indexOf(')') > 1 && Gs1Ai.of(data.substring(1, data.indexOf(')'))).isPresent()) {
      return gs1(symbology, Gs1ElementString.parseHumanReadable(data, today), today);
    }
    if (data.startsWith(String.valueOf(ScanText.GS))) {
      return gs1(symbology, Gs1ElementString.parse(data, today), today);
    }
    if (CheckDigits.allDigits(data) && (data.length() == 8 || data.length() == 12 || data.length() == 13)
        && CheckDigits.gs1(data.substring(0, data.length() - 1)) == data.charAt(data.length() - 1) - '0') {
      return retailGtin(symbology, data);
    }
    DecodedBarcode.Builder text = DecodedBarcode.builder(DecodedBarcode.Format.TEXT, symbology);
    text.text = data;
    return text.valid();
  }

  private static DecodedBarcode gs1(String symbology, Gs1ElementString.Result parsed, LocalDate today) {
    DecodedBarcode.Builder b = DecodedBarcode.builder(DecodedBarcode.Format.GS1, symbology);
    b.ais = parsed.ais();
    if (!parsed.valid()) {
      return b.invalid(parsed.error());
    }
    Map<String, String> ais = parsed.ais();
    b.gtin = ais.get("01");
    b.ndc = ndc(b.gtin);
    b.lot = ais.get("10");
    b.serial = ais.get("21");
    if (ais.containsKey("17")) {
      b.expiry = Gs1Dates.yymmdd(ais.get("17"), today);
    }
    return b.valid();
  }

  /** EAN-13 / UPC-A (sent as 13 digits under ]E0) and EAN-8, as GTIN-14. */
  private static DecodedBarcode retailGtin(String symbology, String data) {
    DecodedBarcode.Builder b = DecodedBarcode.builder(DecodedBarcode.Format.GS1, symbology);
    if (!CheckDigits.allDigits(data) || (data.length() != 8 && data.length() != 12 && data.length() != 13)) {
      return b.invalid("EAN/UPC: expected 8, 12 or 13 digits, found '" + ScanText.printable(data) + "'");
    }
    int expected = CheckDigits.gs1(data.substring(0, data.length() - 1));
    if (expected != data.charAt(data.length() - 1) - '0') {
      return b.invalid("EAN/UPC: check digit is " + data.charAt(data.length() - 1) + ", expected " + expected);
    }
    b.gtin = "0".repeat(14 - data.length()) + data;
    b.ndc = ndc(b.gtin);
    b.ais = Map.of("01", b.gtin);
    return b.valid();
  }

  /** US NDC-10 inside a GTIN-14 (indicator + 03 + NDC-10 + check; UPC-A 3 + NDC-10 + check is the same padded). */
  static String ndc(String gtin) {
    return gtin != null && gtin.length() == 14 && gtin.startsWith("03", 1) ? gtin.substring(3, 13) : null;
  }
}
