package org.procroom.gateway.charting.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** HL7 text as the standard writes it: escapes, NM numbers without exponents, PN to XPN. */
class Hl7TextTest {
  @Test
  void delimitersAreEscaped() {
    assertEquals("a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f g", Hl7Text.escape("a|b^c&d~e\\f\rg"));
  }

  @Test
  void numbersArePlainDecimals() {
    assertEquals("72", Hl7Text.number(72.0));
    assertEquals("36.6", Hl7Text.number(36.6));
    assertEquals("0.0001", Hl7Text.number(1.0E-4), "Double.toString would give 1.0E-4");
    assertEquals("12345678.9", Hl7Text.number(1.23456789E7));
  }

  @Test
  void aDicomNameBecomesAnXpn() {
    assertEquals("Müller^Jörg", Hl7Text.personName("Müller^Jörg"));
    // PN family^given^middle^prefix^suffix; XPN family^given^middle^suffix^prefix
    assertEquals("Lee^Ann^M^Jr^Dr", Hl7Text.personName("Lee^Ann^M^Dr^Jr"));
    assertEquals("Yamada^Tarou", Hl7Text.personName("Yamada^Tarou=山田^太郎=やまだ^たろう"));
    assertEquals("", Hl7Text.personName(null));
  }
}
