package org.procroom.drivers.barcode.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Check characters against the worked examples of the published specifications. */
class CheckDigitsTest {
  @Test
  void gs1Mod10FromTheGeneralSpecifications() {
    // GS1 General Specifications 7.9.1 worked example: GTIN-13 629104150021 -> check digit 3.
    assertEquals(3, CheckDigits.gs1("629104150021"));
    // GS1 sample GTIN-14 09506000134352 (GS1 DataMatrix guideline examples).
    assertEquals(2, CheckDigits.gs1("0950600013435"));
    // SSCC example 106141412345678908 (GS1 General Specifications 2.2.1).
    assertEquals(8, CheckDigits.gs1("10614141234567890"));
  }

  @Test
  void hibcMod43FromTheSupplierLabelingStandard() {
    // "+A123BJC5D6E71": sum 145, 145 mod 43 = 16 -> G (HIBC LIC check character example).
    assertEquals('G', CheckDigits.hibcCharacter(CheckDigits.hibc("+A123BJC5D6E71")));
    // "+A1234BJC5D6E71": sum 149 -> 20 -> K.
    assertEquals('K', CheckDigits.hibcCharacter(CheckDigits.hibc("+A1234BJC5D6E71")));
    // ANSI/HIBC 2.6 combined example "+A99912345/$$52001510X3" -> check character 3.
    assertEquals('3', CheckDigits.hibcCharacter(CheckDigits.hibc("+A99912345/$$52001510X3")));
    assertEquals(-1, CheckDigits.hibc("+a123"), "lower case is outside the HIBC set");
  }

  @Test
  void ifaPpnAndPznFromTheIfaCodingRules() {
    // IFA example PPN 110375286414: "11" + PZN 03752864 + check 14.
    assertEquals("14", CheckDigits.ppn("1103752864"));
    assertEquals(4, CheckDigits.pzn("0375286"));
  }
}
