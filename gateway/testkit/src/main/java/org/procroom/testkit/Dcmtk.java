package org.procroom.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** DCMTK command-line tools (Debian package dcmtk), the independent DICOM peer of the tests. */
public final class Dcmtk {
  public record Result(int exit, String output) {}

  private Dcmtk() {}

  public static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "dcmtk", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish");
    }
    return new Result(p.exitValue(), Files.readString(log));
  }

  /**
   * An 8-bit MONOCHROME2 ultrasound image (or cine with {@code frames} > 1) built with dump2dcm,
   * in explicit VR little endian.
   */
  public static Path ultrasound(Path dir, String name, String sopInstanceUid, String patientId, int frames, int shade)
      throws IOException, InterruptedException {
    return image(dir, name, frames > 1 ? "UltrasoundMultiframeImageStorage" : "UltrasoundImageStorage", "US",
        sopInstanceUid, patientId, frames, shade);
  }

  /** As {@link #ultrasound}, for any image storage SOP class (by DCMTK dictionary name) and modality. */
  public static Path image(Path dir, String name, String sopClassName, String modality, String sopInstanceUid,
      String patientId, int frames, int shade) throws IOException, InterruptedException {
    int size = 16 * 16 * frames;
    StringBuilder pixels = new StringBuilder();
    for (int i = 0; i < size; i++) {
      pixels.append(i == 0 ? "" : "\\").append(String.format("%02x", (i + shade) & 0x7F));
    }
    List<String> dump = new java.util.ArrayList<>(List.of(
        "(0008,0016) UI =" + sopClassName,
        "(0008,0018) UI [" + sopInstanceUid + "]",
        "(0008,002a) DT [20261125103015.250000+0100]",
        "(0008,0023) DA [20261125]",
        "(0008,0033) TM [103016]",
        "(0008,0050) SH [ACC-7]",
        "(0008,0060) CS [" + modality + "]",
        "(0010,0010) PN [Doe^Jane]",
        "(0010,0020) LO [" + patientId + "]",
        "(0020,000d) UI [1.2.826.0.1.3680043.10.1.1]",
        "(0020,000e) UI [1.2.826.0.1.3680043.10.1.1.1]",
        "(0028,0002) US 1",
        "(0028,0004) CS [MONOCHROME2]",
        "(0028,0010) US 16",
        "(0028,0011) US 16",
        "(0028,0100) US 8",
        "(0028,0101) US 8",
        "(0028,0102) US 7",
        "(0028,0103) US 0"));
    if (frames > 1) {
      dump.add("(0028,0008) IS [" + frames + "]");
      dump.add("(0018,1063) DS [33.3]");
    }
    dump.add("(7fe0,0010) OB " + pixels);
    Path text = dir.resolve(name + ".dump");
    Files.write(text, dump);
    Path dcm = dir.resolve(name + ".dcm");
    Result r = run(dir, "dump2dcm", "+l", String.valueOf(size * 3 + 64), "--write-xfer-little", text.toString(),
        dcm.toString());
    if (r.exit() != 0 || !Files.exists(dcm)) {
      throw new IllegalStateException("dump2dcm failed: " + r.output());
    }
    return dcm;
  }
}
