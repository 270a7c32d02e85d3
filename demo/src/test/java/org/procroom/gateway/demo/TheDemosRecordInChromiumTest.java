package org.procroom.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.testkit.FreePort;

/**
 * The demo's own procedure, as its record is exported (`record export --latest`): the HTML rendered
 * by Chromium (its DOM after rendering, and a screenshot), the PDF by poppler. The chart must carry
 * the vasovagal dip (heart rate drawn below the 50 /min limit), the phases and the markers, and the
 * report the ECG around the injection. Screenshots and pages in demo/target/screenshots.
 */
class TheDemosRecordInChromiumTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir Path dir;

  private Path export(String format, String extension, Path data) throws Exception {
    Path out = dir.resolve("record." + extension);
    Process p = DemoRun.command(data, FreePort.pick(), "record", "export", "--latest", "--format", format, "--data-dir",
        data.toString()).redirectOutput(out.toFile()).redirectError(dir.resolve(format + ".err").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve(format + ".err")));
    return out;
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(0, p.exitValue(), String.join(" ", command));
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void theDipThePhasesTheMarkersAndTheEcg() throws Exception {
    Path data = dir.resolve("data");
    Process demo = DemoRun.start(data, dir.resolve("demo.out"), FreePort.pick(), "demo", "--duration", "35s");
    assertTrue(demo.waitFor(150, TimeUnit.SECONDS), "the demo did not end");
    assertEquals(0, demo.exitValue(), Files.readString(dir.resolve("demo.out")));
    Files.createDirectories(SCREENSHOTS);

    Path html = export("html", "xhtml", data);
    String chromium = "/usr/bin/chromium";
    String[] headless = {"--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--user-data-dir=" + dir.resolve("chromium"), "--window-size=1240,4200"};
    String dom = run(concat(chromium, headless, "--dump-dom", html.toUri().toString()));
    run(concat(chromium, headless, "--screenshot=" + SCREENSHOTS.resolve("demo-record.png").toAbsolutePath(),
        html.toUri().toString()));
    assertTrue(Files.size(SCREENSHOTS.resolve("demo-record.png")) > 10_000, "a screenshot of the page");

    // The dip: some heart-rate line has points below its low limit's line (SVG y grows downwards).
    Matcher series = Pattern.compile("<g class=\"series\" data-code=\"MDC_ECG_HEART_RATE\"[^>]*>(.*?)</g>", Pattern.DOTALL)
        .matcher(dom);
    boolean dipDrawn = false;
    while (series.find()) {
      Matcher limit = Pattern.compile("<line class=\"limit\"[^>]*y1=\"([\\d.]+)\"[^>]*><title>low limit 50</title>")
          .matcher(series.group(1));
      Matcher points = Pattern.compile("points=\"([^\"]+)\"").matcher(series.group(1));
      if (limit.find() && points.find()) {
        double lowLine = Double.parseDouble(limit.group(1));
        for (String point : points.group(1).trim().split(" ")) {
          dipDrawn |= Double.parseDouble(point.split(",")[1]) > lowLine;
        }
      }
    }
    assertTrue(dipDrawn, "the vasovagal dip below the 50 /min line");
    assertTrue(dom.contains("<g class=\"phase\" data-phase="), "phase bands");
    assertTrue(dom.contains("<g class=\"marker\" data-kind="), "event markers on the chart");
    assertTrue(dom.contains("<h2>Waveforms around the events</h2>") && dom.contains("<b>II</b> monitor-2"),
        "the IntelliVue's ECG around the events");

    Path pdf = export("pdf", "pdf", data);
    run("pdftoppm", "-r", "50", "-png", pdf.toString(), SCREENSHOTS.resolve("demo-record-pdf").toAbsolutePath().toString());
    String text = run("pdftotext", pdf.toString(), "-");
    assertTrue(text.contains("Vital signs") && text.contains("Waveforms around the events"), text);
  }

  private static String[] concat(String first, String[] middle, String... last) {
    String[] all = new String[1 + middle.length + last.length];
    all[0] = first;
    System.arraycopy(middle, 0, all, 1, middle.length);
    System.arraycopy(last, 0, all, 1 + middle.length, last.length);
    return all;
  }
}
