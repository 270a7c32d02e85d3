package org.procroom.gateway.record.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;

/**
 * The ultrasound images as thumbnails with their times: embedded in the XHTML and in the PDF, where
 * poppler's pdfimages finds them; a thumbnail outside the data folder is never read.
 */
class TheReportShowsTheImagesTest {
  private static final Instant OPENED = Instant.parse("2026-12-03T10:00:00Z");

  @TempDir Path data;

  private static DeviceEvent stored(int n, String thumbnail, int frames) {
    return new DeviceEvent("e" + n, n, "room-1", "p1", (long) n, "us-1", "ultrasound", "dicom.stored", null,
        OPENED.plusSeconds(30L * n), EventJson.parse("{\"modality\":\"US\",\"frames\":" + frames + ",\"thumbnail\":\""
            + thumbnail + "\"}"));
  }

  @Test
  void thumbnailsWithTheirTimes() throws Exception {
    Files.createDirectories(data.resolve("thumbnails"));
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    image.setRGB(10, 10, 0xffffff);
    ImageIO.write(image, "jpg", data.resolve("thumbnails/a.jpg").toFile());
    Files.writeString(data.getParent().resolve("outside.jpg"), "not for the report");
    Procedure p = new Procedure("p1", "room-1", "TPI", "PAT-1", Procedure.State.CLOSED, OPENED, OPENED.plusSeconds(120),
        3, true, null, null, "recovery", OPENED);
    List<DeviceEvent> events = List.of(stored(1, "thumbnails/a.jpg", 1), stored(2, "../outside.jpg", 40));
    String xhtml = ClinicalReport.xhtml(p, events, ZoneOffset.UTC, data);
    assertEquals(1, xhtml.split("class=\"thumbnail\"", -1).length - 1, "one thumbnail: the other is outside the data folder");
    assertTrue(xhtml.contains("alt=\"10:00:30 image, US\""), xhtml);
    assertTrue(xhtml.contains("10:01:00 cine clip, 40 frames, US"), "listed without its thumbnail");

    Path pdf = data.resolve("report.pdf");
    Files.write(pdf, ReportPdf.pdf(xhtml, ReportPdf.Paper.A4));
    Process list = new ProcessBuilder("pdfimages", "-list", pdf.toString()).redirectErrorStream(true).start();
    String listed = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, list.waitFor(), listed);
    assertEquals(1, listed.lines().skip(2).filter(l -> l.contains(" 64 ") && l.contains(" 48 ")).count(),
        "the 64 x 48 thumbnail in the PDF:\n" + listed);
  }
}
