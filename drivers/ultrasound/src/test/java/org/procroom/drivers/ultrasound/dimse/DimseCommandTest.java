package org.procroom.drivers.ultrasound.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Command sets laid out by hand from PS3.7 (implicit VR little endian: tag, 32-bit length, value). */
class DimseCommandTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  @Test
  void nCreateResponse() {
    String expected = String.join(" ",
        "00 00 00 00  04 00 00 00  56 00 00 00",                          // (0000,0000) UL group length 86
        "00 00 02 00  18 00 00 00",                                        // (0000,0002) UI, 24 bytes:
        "31 2e 32 2e 38 34 30 2e 31 30 30 30 38 2e 33 2e 31 2e 32 2e 33 2e 33 00", // 1.2.840.10008.3.1.2.3.3 + NUL
        "00 00 00 01  02 00 00 00  40 81",                                 // (0000,0100) N-CREATE-RSP
        "00 00 20 01  02 00 00 00  07 00",                                 // (0000,0120) message id 7
        "00 00 00 08  02 00 00 00  01 01",                                 // (0000,0800) no data set
        "00 00 00 09  02 00 00 00  00 00",                                 // (0000,0900) success
        "00 00 00 10  06 00 00 00  31 2e 32 2e 33 00")                     // (0000,1000) "1.2.3" + NUL
        .replace("  ", " ");
    assertArrayEquals(HEX.parseHex(expected),
        DimseCommand.response(DimseCommand.N_CREATE_RSP, "1.2.840.10008.3.1.2.3.3", 7, 0, "1.2.3", null));
  }

  @Test
  void failureCarriesAnErrorCommentPaddedWithASpace() {
    byte[] r = DimseCommand.response(DimseCommand.N_SET_RSP, "1.2.840.10008.3.1.2.3.3", 2, 0x0110, "1.2.3", "final");
    String hex = HEX.formatHex(r);
    assertEquals(true, hex.contains("00 00 00 09 02 00 00 00 10 01"), "status 0110H: " + hex);
    assertEquals(true, hex.contains("00 00 02 09 06 00 00 00 66 69 6e 61 6c 20"), "(0000,0902) 'final ': " + hex);
  }
}
