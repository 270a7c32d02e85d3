package org.procroom.drivers.barcode.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BarcodeDecoderTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  private static final String GS = "\u001D";

  private static DecodedBarcode decode(String scan) {
    return BarcodeDecoder.decode(scan, TODAY);
  }

  @Test
  void gs1DataMatrixPharmaPack() {
    // GS1 healthcare example structure: (01) GTIN (17) expiry (10) lot GS (21) serial.
    DecodedBarcode d = decode("]d2" + "0109506000134352" + "17201225" + "10ABC123" + GS + "21XYZ789");
    assertTrue(d.valid(), d.error());
    assertEquals(DecodedBarcode.Format.GS1, d.format());
    assertEquals("]d2", d.symbology());
    assertEquals("09506000134352", d.gtin());
    assertEquals(LocalDate.of(2020, 12, 25), d.expiry());
    assertEquals("ABC123", d.lot());
    assertEquals("XYZ789", d.serial());
    assertEquals(Map.of("01", "09506000134352", "17", "201225", "10", "ABC123", "21", "XYZ789"), d.ais());
    assertNull(d.ndc(), "not a US NDC GTIN");
  }

  @Test
  void leadingFnc1AndSeparatorAfterAPredefinedLengthElementAreTolerated() {
    DecodedBarcode d = decode("]C1" + GS + "0109506000134352" + GS + "10LOT1");
    assertTrue(d.valid(), d.error());
    assertEquals("LOT1", d.lot());
  }

  @Test
  void dayZeroMeansTheLastDayOfTheMonth() {
    assertEquals(LocalDate.of(2028, 2, 29), decode("]d2" + "0109506000134352" + "17280200").expiry());
    assertEquals(LocalDate.of(2027, 6, 30), decode("]d2" + "0109506000134352" + "17270600").expiry());
  }

  @Test
  void twoDigitYearsFollowTheSlidingWindow() {
    // 2026: YY 76 is 2076 (+50), YY 77 is 1977 (+51 -> previous century).
    assertEquals(2076, decode("]d2" + "0109506000134352" + "17761231").expiry().getYear());
    assertEquals(1977, decode("]d2" + "0109506000134352" + "17771231").expiry().getYear());
  }

  @Test
  void usNdcInsideGtin14AndUpcA() {
    DecodedBarcode pack = decode("]d2" + "0100304094276014" + "17271130" + "10LID2401");
    assertEquals("0409427601", pack.ndc());
    DecodedBarcode upc = decode("]E0" + "0304094276014");
    assertTrue(upc.valid(), upc.error());
    assertEquals("00304094276014", upc.gtin());
    assertEquals("0409427601", upc.ndc());
    assertNull(upc.expiry(), "a linear NDC carries no expiry");
  }

  @Test
  void humanReadableFormIsWhatPeopleType() {
    DecodedBarcode d = decode("(01)09506000134352(17)201225(10)ABC123(21)XYZ789");
    assertTrue(d.valid(), d.error());
    assertEquals("ABC123", d.lot());
    assertEquals("XYZ789", d.serial());
    assertNull(d.symbology());
  }

  @Test
  void staffBadgeAndPatientWristbandGsrn() {
    DecodedBarcode badge = decode("]C1" + "8017123456789000000012");
    assertTrue(badge.valid(), badge.error());
    assertEquals("123456789000000012", badge.ais().get("8017"));
    DecodedBarcode wristband = decode("]d2" + "8018123456789000042425" + GS + "7250" + "19800214");
    assertTrue(wristband.valid(), wristband.error());
    assertEquals("19800214", wristband.ais().get("7250"));
  }

  @Test
  void nationalReimbursementAndCompanyInternalAis() {
    DecodedBarcode d = decode("]d2" + "0109506000134352" + "714" + "1234567" + GS + "91" + "INTERNAL-1");
    assertTrue(d.valid(), d.error());
    assertEquals("1234567", d.ais().get("714"));
    assertEquals("INTERNAL-1", d.ais().get("91"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "wrong GTIN check digit | ]d20109506000134353 | AI 01 (GTIN): check digit is 3, expected 2",
      "GTIN too short | ]d2010950600013 | AI 01 (GTIN): needs 14 digits, found 10",
      "letter in GTIN | ]d201095060001343A2 | AI 01 (GTIN): character 'A' at position 12 is not allowed (digits only)",
      "month 13 | ]d2010950600013435217271301 | AI 17 (USE BY or EXPIRY): '271301' is not a date: month 13 does not exist",
      "30 February | ]d2010950600013435217270230 | AI 17 (USE BY or EXPIRY): '270230' is not a date: day 30 does not exist in 2027-02",
      "lot too long | ]d210999999999999999999999 | AI 10 (BATCH/LOT): 21 characters, at most 20 allowed",
      "space in lot | ]d210AB CD | AI 10 (BATCH/LOT): character ' ' at position 2 is not allowed (GS1 character set 82)",
      "unknown AI | ]d201095060001343520512345 | no GS1 Application Identifier starts at position 16 ('0512...')",
      "GSRN not separated | ]d2801812345678900004242510LOT | AI 8018 (GSRN - RECIPIENT): 23 characters, at most 18 allowed: it is not of predefined length, so a GS separator must follow its 18 digits",
      "GSRN check digit | ]C18017123456789000000013 | AI 8017 (GSRN - PROVIDER): check digit is 3, expected 2",
      "empty after identifier | ]d2 | no data after the GS1 symbology identifier",
  })
  void everyRejectionNamesTheElementAndTheRule(String rule, String scan, String error) {
    DecodedBarcode d = decode(scan);
    assertFalse(d.valid(), rule);
    assertEquals(error, d.error(), rule);
  }

  @Test
  void repeatedAiWithDifferentValuesIsRejected() {
    DecodedBarcode d = decode("]d2" + "10LOTA" + GS + "10LOTB");
    assertEquals("AI 10 appears twice with different values", d.error());
  }

  @Test
  void hibcPrimaryAndCombined() {
    DecodedBarcode primary = decode("+A123BJC5D6E71G");
    assertTrue(primary.valid(), primary.error());
    assertEquals(DecodedBarcode.Format.HIBC, primary.format());
    assertEquals("A123", primary.labeler());
    assertEquals("BJC5D6E7", primary.product());

    DecodedBarcode combined = decode("+A99912345/$$52001510X33");
    assertTrue(combined.valid(), combined.error());
    assertEquals("A999", combined.labeler());
    assertEquals("1234", combined.product());
    assertEquals(LocalDate.of(2020, 1, 15), combined.expiry(), "$$5 = YYJJJ: 2020 day 15");
    assertEquals("10X3", combined.lot());
  }

  @Test
  void hibcRejections() {
    assertEquals("HIBC: check character is 'H', expected 'G'", decode("+A123BJC5D6E71H").error());
    assertEquals("HIBC: a character outside the HIBC set (0-9 A-Z - . space $ / + %)", decode("+A123bjc1G").error());
  }

  @Test
  void ifaPackInTheIso15434Envelope() {
    String rs = "\u001E";
    String eot = "\u0004";
    DecodedBarcode d = decode("]d2" + "[)>" + rs + "06" + GS + "9N110375286414" + GS + "1T12345ABCD" + GS
        + "D270331" + GS + "S12345678901234567890" + rs + eot);
    assertTrue(d.valid(), d.error());
    assertEquals(DecodedBarcode.Format.IFA, d.format());
    assertEquals("110375286414", d.ppn());
    assertEquals("03752864", d.pzn());
    assertEquals("12345ABCD", d.lot());
    assertEquals(LocalDate.of(2027, 3, 31), d.expiry());
    assertEquals("12345678901234567890", d.serial());

    DecodedBarcode wrong = decode("]d2[)>" + rs + "06" + GS + "9N110375286415" + GS + "D270331" + rs + eot);
    assertEquals("DI 9N (PPN): check digits are 15, expected 14", wrong.error());
    DecodedBarcode open = decode("]d2[)>" + rs + "06" + GS + "9N110375286414");
    assertEquals("ISO/IEC 15434: the message must end with RS EOT", open.error());
  }

  @Test
  void anythingElseIsText() {
    DecodedBarcode d = decode("MRN0042");
    assertTrue(d.valid());
    assertEquals(DecodedBarcode.Format.TEXT, d.format());
    assertEquals("MRN0042", d.text());
  }
}
