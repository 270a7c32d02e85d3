package org.procroom.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code barcode decode} reads a scan as the serial transport does: a trailing CR, LF or CRLF is the
 * scanner's suffix, not part of the data; a GS1 Digital Link decodes to its elements.
 */
class BarcodeDecodeTakesTheScannersSuffixTest {
  private static String decode(String data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = CliAccess.run(List.of("barcode", "decode", data), new PrintStream(out, true, StandardCharsets.UTF_8));
    String json = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, json);
    return json;
  }

  @Test
  void aTrailingSuffixIsTheScannersNotTheData() {
    for (String suffix : List.of("\r", "\n", "\r\n", "\\x0d\\x0a", "<0x0D>")) {
      String json = decode("]d201095011010209171719050810ABCD1234" + suffix);
      assertTrue(json.contains("\"lot\":\"ABCD1234\""), suffix + ": " + json);
    }
  }

  @Test
  void aDigitalLinkIsReadLikeAnyGs1Scan() {
    String json = decode("]Q1https://id.gs1.org/01/09520123456788/10/ABC1?17=271231");
    assertTrue(json.contains("\"gtin\":\"09520123456788\"") && json.contains("\"lot\":\"ABC1\"")
        && json.contains("\"expiry\":\"2027-12-31\""), json);
  }
}
