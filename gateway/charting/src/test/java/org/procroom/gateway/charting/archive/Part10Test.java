package org.procroom.gateway.charting.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.testkit.Dcmtk;

/**
 * Where the data set begins, checked against pydicom's reading of the same files (Debian's
 * python3-pydicom), for files DCMTK wrote in explicit VR little endian and in JPEG baseline.
 */
class Part10Test {
  @TempDir Path dir;

  private static String pydicom(Path file) throws Exception {
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", """
        import sys
        from pydicom.filereader import read_preamble, _read_file_meta_info
        f = open(sys.argv[1], 'rb'); read_preamble(f, False); m = _read_file_meta_info(f)
        print(f.tell(), m.TransferSyntaxUID)""", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void explicitLittleEndianAndJpegAsPydicomReadsThem() throws Exception {
    Path plain = Dcmtk.ultrasound(dir, "plain", "1.2.826.0.1.3680043.10.1.13.1", "P1", 1, 1);
    Path jpeg = dir.resolve("jpeg.dcm");
    assertEquals(0, Dcmtk.run(dir, "dcmcjpeg", "--encode-baseline", plain.toString(), jpeg.toString()).exit());
    for (Path f : new Path[] {plain, jpeg}) {
      Part10 read = Part10.read(f);
      assertEquals(pydicom(f), read.dataSetOffset() + " " + read.transferSyntaxUid(), f.toString());
    }
  }

  @Test
  void aFileThatIsNotPart10OrIsCutOffIsRefused() throws Exception {
    Path text = Files.writeString(dir.resolve("text.dcm"), "not a DICOM file");
    assertEquals("not a DICOM Part-10 file (no DICM after the preamble)",
        assertThrows(IOException.class, () -> Part10.read(text)).getMessage());
    byte[] whole = Files.readAllBytes(Dcmtk.ultrasound(dir, "cut", "1.2.826.0.1.3680043.10.1.13.2", "P1", 1, 1));
    Path cut = Files.write(dir.resolve("cut.dcm"), Arrays.copyOf(whole, 150));
    assertThrows(IOException.class, () -> Part10.read(cut));
  }
}
