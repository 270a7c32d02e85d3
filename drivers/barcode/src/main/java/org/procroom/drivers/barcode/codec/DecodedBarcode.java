package org.procroom.drivers.barcode.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a scan says, whatever its format; fields a format does not carry are null. Immutable.
 *
 * @param valid      every rule of the format held
 * @param format     GS1, HIBC, IFA (ISO/IEC 15434 with data identifiers) or TEXT (none of these)
 * @param symbology  AIM identifier as sent, e.g. {@code ]d2}
 * @param gtin       GTIN-14 (shorter GTINs zero-padded)
 * @param ndc        US NDC-10 (no hyphens: the hyphenation cannot be recovered without a directory)
 * @param expiry     expiry date
 * @param lot        batch/lot
 * @param serial     serial number
 * @param ais        GS1 AI values in scan order
 * @param labeler    HIBC labeler identification code
 * @param product    HIBC product number
 * @param ppn        IFA Pharmacy Product Number
 * @param pzn        German PZN inside the PPN
 * @param text       data of a TEXT scan (wristband or badge patterns apply to it)
 * @param error      why it is not valid: which element and which rule
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"valid", "format", "symbology", "gtin", "ndc", "expiry", "lot", "serial", "ais", "labeler",
    "product", "ppn", "pzn", "text", "error"})
public record DecodedBarcode(
    boolean valid,
    Format format,
    String symbology,
    String gtin,
    String ndc,
    LocalDate expiry,
    String lot,
    String serial,
    Map<String, String> ais,
    String labeler,
    String product,
    String ppn,
    String pzn,
    String text,
    String error) {

  public enum Format { GS1, HIBC, IFA, TEXT }

  static Builder builder(Format format, String symbology) {
    return new Builder(format, symbology);
  }

  /** Collects fields while a parser works through a scan. */
  static final class Builder {
    private final Format format;
    private final String symbology;
    String gtin;
    String ndc;
    LocalDate expiry;
    String lot;
    String serial;
    Map<String, String> ais = Map.of();
    String labeler;
    String product;
    String ppn;
    String pzn;
    String text;

    private Builder(Format format, String symbology) {
      this.format = format;
      this.symbology = symbology;
    }

    DecodedBarcode valid() {
      return build(null);
    }

    DecodedBarcode invalid(String error) {
      return build(error);
    }

    private DecodedBarcode build(String error) {
      return new DecodedBarcode(error == null, format, symbology, gtin, ndc, expiry, lot, serial,
          Collections.unmodifiableMap(new LinkedHashMap<>(ais)),
          labeler, product, ppn, pzn, text, error);
    }
  }
}
