package org.procroom.drivers.barcode.codec;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.procroom.drivers.barcode.gs1.Gs1Associations;
import org.procroom.drivers.barcode.gs1.Gs1Dictionary;
import org.procroom.drivers.barcode.gs1.Gs1DigitalLink;
import org.procroom.drivers.barcode.gs1.Gs1Elements;

/**
 * Turns one scan into a {@link DecodedBarcode}. The AIM symbology identifier says what the
 * scanner read; the data's own markers ({@code [)>} envelope, HIBC '+', human-readable brackets,
 * a GS1 Digital Link URI) say the rest. Invalid data is an explicit result with the reason, never an exception.
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
      return gs1(symbology, elements(today).raw(
          data.substring(ENVELOPE_GS1.length(), data.length() - trailer.length())), today);
    }
    Gs1DigitalLink links = new Gs1DigitalLink(Gs1Dictionary.pinned(), elements(today));
    if (links.looksLikeDigitalLink(data)) {
      // GS1 Digital Link in a QR Code or DataMatrix: the same elements and checks as an element string
      return gs1(symbology, links.parse(data), today);
    }
    if (data.startsWith("[)>")) {
      return DecodedBarcode.builder(DecodedBarcode.Format.IFA, symbology).invalid(
          "ISO/IEC 15434: '" + ScanText.printable(data.substring(0, Math.min(data.length(), 8)))
              + "...' is not a format 05 (GS1) or 06 (data identifiers) envelope");
    }
    if (symbology != null && GS1_SYMBOLOGIES.contains(symbology)) {
      return gs1(symbology, elements(today).raw(data), today);
    }
    if ("]E0".equals(symbology) && data.length() != 13 || "]E4".equals(symbology) && data.length() != 8) {
      // AIM: EAN-13 and UPC-A come as 13 digits under ]E0, EAN-8 as 8 under ]E4
      return DecodedBarcode.builder(DecodedBarcode.Format.GS1, symbology).invalid("EAN/UPC under " + symbology
          + ": expected " + ("]E0".equals(symbology) ? 13 : 8) + " digits, found " + data.length());
    }
    if ("]E0".equals(symbology) || "]E4".equals(symbology)) {
      return retailGtin(symbology, data);
    }
    if (data.startsWith("+/")) {
      return Hibc.pas(symbology, data);
    }
    if (data.startsWith("+")) {
      return Hibc.decode(symbology, data, today);
    }
    if (data.startsWith("(") && data.indexOf(')') > 1
        && Gs1Dictionary.pinned().of(data.substring(1, data.indexOf(')'))).isPresent()) {
      return gs1(symbology, elements(today).bracketed(data), today);
    }
    if (data.startsWith(String.valueOf(ScanText.GS))) {
      return gs1(symbology, elements(today).raw(data), today);
    }
    if (CheckDigits.allDigits(data) && (data.length() == 8 || data.length() == 12 || data.length() == 13)
        && CheckDigits.gs1(data.substring(0, data.length() - 1)) == data.charAt(data.length() - 1) - '0') {
      return retailGtin(symbology, data);
    }
    DecodedBarcode.Builder text = DecodedBarcode.builder(DecodedBarcode.Format.TEXT, symbology);
    text.text = data;
    return text.valid();
  }

  private static Gs1Elements elements(LocalDate today) {
    return new Gs1Elements(Gs1Dictionary.pinned(), today.getYear());
  }

  private static DecodedBarcode gs1(String symbology, Gs1Elements.Result parsed, LocalDate today) {
    DecodedBarcode.Builder b = DecodedBarcode.builder(DecodedBarcode.Format.GS1, symbology);
    Map<String, String> ais = new java.util.LinkedHashMap<>();
    parsed.elements().forEach(e -> ais.putIfAbsent(e.ai(), e.value()));
    b.ais = ais;
    if (!parsed.valid()) {
      return b.invalid(parsed.error());
    }
    String association = Gs1Associations.check(Gs1Dictionary.pinned(), parsed.elements());
    if (association != null) {
      return b.invalid(association);
    }
    b.gtin = ais.get("01");
    b.ndc = ndc(b.gtin);
    b.lot = ais.get("10");
    b.serial = ais.get("21");
    if (ais.containsKey("17")) {
      b.expiry = Gs1Dates.yymmdd(ais.get("17"), today);
    } else if (ais.containsKey("7003")) {
      // expiry date and time: the date part, the product expires during that day
      b.expiry = Gs1Dates.yymmdd(ais.get("7003").substring(0, 6), today);
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
