package org.procroom.drivers.barcode.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.LocalDate;
import org.procroom.drivers.barcode.codec.BarcodeDecoder;
import org.procroom.drivers.barcode.codec.DecodedBarcode;

/**
 * Whatever a scanner sends (GS1 element strings, HIBC, IFA, text, noise), decoding gives a result:
 * valid, or invalid with the reason; never an exception. Regression inputs live in
 * src/test/resources/.../BarcodeDecoderFuzzTestInputs; JAZZER_FUZZ=1 fuzzes.
 */
class BarcodeDecoderFuzzTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  @FuzzTest(maxDuration = "15s")
  void everyScanDecodesToAResultWithAReason(FuzzedDataProvider data) {
    String symbology = switch (data.consumeInt(0, 4)) {
      case 0 -> null;
      case 1 -> "]d2";
      case 2 -> "]C1";
      case 3 -> "]E0";
      default -> "]" + data.consumeAsciiString(2);
    };
    DecodedBarcode decoded = BarcodeDecoder.decode(symbology, data.consumeRemainingAsString(), TODAY);
    assertNotNull(decoded);
    assertTrue(decoded.valid() || decoded.error() != null, "an invalid scan says why");
  }
}
