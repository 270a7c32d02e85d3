package org.procroom.gateway.record.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The demo record's report as PDF, read by poppler (an independent reader): page size, the text of
 * the phases and markers, and the chart's heart-rate line drawn in the rendered page.
 */
class ClinicalReportAsPdfTest {
  private static final Path OUT = Path.of("target", "report-output");

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    return out;
  }

  private static Path pdf(ReportPdf.Paper paper) throws Exception {
    Files.createDirectories(OUT);
    Path file = OUT.resolve("demo-record-" + paper.name().toLowerCase() + ".pdf");
    Files.write(file, ReportPdf.pdf(DemoRecord.report(), paper));
    return file;
  }

  @Test
  void a4AndLetterPagesAreTheirSize() throws Exception {
    assertTrue(run("pdfinfo", pdf(ReportPdf.Paper.A4).toString()).contains("pts (A4)"));
    assertTrue(run("pdfinfo", pdf(ReportPdf.Paper.LETTER).toString()).contains("612 x 792 pts (letter)"));
  }

  @Test
  void popplerReadsThePhasesTheMarkersAndTheHeader() throws Exception {
    String text = run("pdftotext", "-layout", pdf(ReportPdf.Paper.A4).toString(), "-");
    for (String expected : List.of("Trigger point injection", "Patient Demo", "21:33:15 CET", "guidance 21:33:25", "recovery 21:33:34",
        "adverse event: vasovagal", "21:33:28 to 21:33:33 (6 times)")) {
      assertTrue(text.contains(expected), expected + " in\n" + text);
    }
  }

  @Test
  void theRenderedPageCarriesTheHeartRateLine() throws Exception {
    Path png = OUT.resolve("demo-record-a4-page1");
    run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf(ReportPdf.Paper.A4).toString(), png.toString());
    BufferedImage page = ImageIO.read(png.resolveSibling("demo-record-a4-page1.png").toFile());
    int lineColour = 0;
    for (int y = 0; y < page.getHeight() / 2; y++) {
      for (int x = 0; x < page.getWidth(); x++) {
        int rgb = page.getRGB(x, y);
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (r > 150 && g < 90 && b < 90) {
          lineColour++;
        }
      }
    }
    assertTrue(lineColour > 50, "pixels of the first series' red in the chart: " + lineColour);
  }
}
