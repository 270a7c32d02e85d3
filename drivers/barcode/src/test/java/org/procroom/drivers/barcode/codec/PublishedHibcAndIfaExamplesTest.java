package org.procroom.drivers.barcode.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HIBC LIC, HIBC PAS and IFA (ISO/IEC 15434 format 06) examples published by others: the
 * standards' figures as BWIPP and Zint reproduce them, and the tests of BarcodeParserBuilder,
 * HibcBarcodeParsing and drug-code-parser ({@code published/README.md}), each with what its source
 * says it means. Rows whose check character is the documentation's placeholder are read again with
 * the real mod 43 character, so their fields are tested too. The few rows where the gateway decides
 * otherwise than a parser library are listed with the reason.
 */
class PublishedHibcAndIfaExamplesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

  /** Inputs where the gateway refuses what a source's parser accepts, and why. */
  private static final Map<String, String> DECIDED_OTHERWISE = Map.of(
      "[)><RS>06<GS>D150600<RS><EOT>", "no product code: nothing to check the pack against",
      "[)><RS>06<GS>D150604<RS><EOT>", "no product code: nothing to check the pack against",
      "[)><RS>06<GS>16D20151100<RS><EOT>", "no product code: nothing to check the pack against",
      "[)><RS>06<GS>16D20151106<RS><EOT>", "no product code: nothing to check the pack against",
      "[)><RS>06<GS>1T12345ABCD<RS><EOT>", "no product code: nothing to check the pack against",
      "[)><RS>06<GS>S12345ABCDEF98765<RS><EOT>", "no product code: nothing to check the pack against",
      "[)><RS>06<GS><RS><EOT>", "no data elements at all");

  /** Inputs a source refuses as a format that the gateway reads as plain text, and why. */
  private static final Map<String, String> READ_AS_TEXT = Map.of(
      "[))<RS>0000", "not an envelope header ([)> is): plain text, which the checks then flag as unknown");

  @Test
  void hibcExamplesReadAsTheirSourcesSay() throws IOException {
    assertEquals(List.of(), disagreements("hibc.tsv"));
  }

  @Test
  void ifaExamplesReadAsTheirSourcesSay() throws IOException {
    assertEquals(List.of(), disagreements("ifa.tsv"));
  }

  private List<String> disagreements(String file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String[] row : rows(file)) {
      boolean ok = row[1].equals("true");
      String input = decode(row[2]);
      Map<String, String> expected = fields(row[3]);
      String placeholder = expected.getOrDefault("error", "");
      if (!ok && placeholder.startsWith("check character mismatch: placeholder")) {
        // Read again with the real check character: the stated fields must then come out.
        input = input.substring(0, input.length() - 1) + placeholder.charAt(placeholder.length() - 1);
        ok = true;
      }
      DecodedBarcode d = BarcodeDecoder.decode(input, TODAY);
      if (READ_AS_TEXT.containsKey(row[2])) {
        if (d.format() != DecodedBarcode.Format.TEXT) {
          out.add(row[2] + ": listed as plain text (" + READ_AS_TEXT.get(row[2]) + ") but read as " + d.format());
        }
        continue;
      }
      if (DECIDED_OTHERWISE.containsKey(row[2])) {
        if (d.valid()) {
          out.add(row[2] + ": listed as refused (" + DECIDED_OTHERWISE.get(row[2]) + ") but taken");
        }
        continue;
      }
      if (d.valid() != ok) {
        out.add(row[2] + ": source says " + (ok ? "valid" : "invalid (" + placeholder + ")") + ", gateway "
            + (d.valid() ? "valid" : "invalid: " + d.error()));
        continue;
      }
      if (!ok) {
        continue;
      }
      compare(out, row[2], "labeler", expected, d.labeler());
      compare(out, row[2], "product", expected, d.product());
      compare(out, row[2], "lot", expected, d.lot());
      compare(out, row[2], "batch", expected, d.lot());
      compare(out, row[2], "serial", expected, d.serial());
      compare(out, row[2], "ppn", expected, d.ppn());
      compare(out, row[2], "pzn", expected, d.pzn());
      compare(out, row[2], "gtin", expected, d.gtin());
      if (expected.containsKey("expiry")) {
        String e = expected.get("expiry");
        String got = d.expiry() == null ? null : e.length() == 7 ? d.expiry().toString().substring(0, 7)
            : d.expiry().toString();
        if (!e.substring(0, Math.min(10, e.length())).equals(got)) {
          out.add(row[2] + ": expiry " + e + ", gateway " + d.expiry());
        }
      }
      if (expected.containsKey("pas")) {
        compare(out, row[2], "data", expected, d.text());
      }
    }
    return out;
  }

  private static void compare(List<String> out, String input, String key, Map<String, String> expected, String got) {
    if (expected.containsKey(key) && !expected.get(key).equals(got)) {
      out.add(input + ": " + key + " " + expected.get(key) + ", gateway " + got);
    }
  }

  private static Map<String, String> fields(String expected) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : expected.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return out;
  }

  private static String decode(String s) {
    return s.replace("<GS>", "\u001d").replace("<RS>", "\u001e").replace("<EOT>", "\u0004").replace("<ETX>", "\u0003")
        .replace("<SP>", " ");
  }

  private static List<String[]> rows(String file) throws IOException {
    return org.procroom.drivers.barcode.TsvVectors.rows("/org/procroom/drivers/barcode/published/" + file);
  }

}
