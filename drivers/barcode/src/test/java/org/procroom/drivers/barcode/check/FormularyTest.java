package org.procroom.drivers.barcode.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.drivers.barcode.codec.BarcodeDecoder;
import org.procroom.gateway.api.ConfigException;

class FormularyTest {
  @TempDir Path dir;

  @Test
  void theShippedFormularyAndRecallListLoad() {
    Path config = Path.of("../../config").toAbsolutePath().normalize();
    Formulary formulary = Formulary.load(config.resolve("formulary.yaml"));
    Product lido = formulary.find(BarcodeDecoder.decode("]E00304094276014", LocalDate.of(2026, 1, 1))).orElseThrow();
    assertEquals("Lidocaine hydrochloride 1%", lido.label());
    RecallList recalls = RecallList.load(config.resolve("recalls.yaml"));
    assertTrue(recalls.find(lido, "LID2399").isPresent());
  }

  @Test
  void aWrongGtinIsReportedWithItsEntry() throws Exception {
    Path file = Files.writeString(dir.resolve("formulary.yaml"), """
        products:
          - name: Good
            gtin: "00304094276014"
          - name: Bad
            gtin: "00304094276015"
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> Formulary.load(file));
    assertEquals(file + ": products[1].gtin: '00304094276015' is not a GTIN-14 with a valid check digit", e.getMessage());
  }
}
