package org.procroom.drivers.ultrasound.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.procroom.drivers.ultrasound.scp.StoredObject;

/**
 * Whatever a modality stores, reading its metadata (UIDs, patient, times, frames) either works or
 * fails with the DICOM or I/O error that makes the gateway quarantine or refuse it; nothing else
 * escapes. Regression inputs in src/test/resources/.../DicomMetadataFuzzTestInputs.
 */
class DicomMetadataFuzzTest {
  @FuzzTest(maxDuration = "15s")
  void anyObjectReadsOrFailsWithADicomError(byte[] bytes) throws IOException {
    Path file = Files.createTempFile("fuzz", ".dcm");
    try {
      Files.write(file, bytes);
      StoredObject.read(file, ZoneOffset.UTC);
    } catch (DicomException | IOException expected) {
      // the refusal the driver turns into a C-STORE failure status
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
