package org.procroom.gateway.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.dashboard.Browser;
import org.procroom.gateway.store.EventSource;
import org.procroom.simulators.vitals.IntellivueSimulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.MosquittoBroker;

/**
 * A procedure recorded from a simulated IntelliVue over the real wire (the vasovagal dip at once),
 * an injection entered, the record closed; its report as the dashboard serves it, rendered by
 * Chromium, and its PDF by poppler. The chart must carry the dip, the phases and the markers, and
 * the ECG strip around the injection. Screenshots in target/screenshots.
 */
class TheRecordInChromiumTest {
  @TempDir Path dir;

  @Test
  void theDipThePhasesTheMarkersAndTheEcgAroundTheInjection() throws Exception {
    PhysiologyScript dipAtOnce = new PhysiologyScript(Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(6));
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         IntellivueSimulator monitor = IntellivueSimulator.lan(0, dipAtOnce, Duration.ZERO, ZoneId.systemDefault())) {
      room.writeConfig(Room.intellivue(monitor.port(), """
          limits:
            MDC_ECG_HEART_RATE: {low: 50, high: 120}
          """));
      try (Gateway gateway = room.startGateway(); Browser browser = new Browser(dir.resolve("chromium"))) {
        String id = gateway.store().openProcedure("TPI", "MRN-31", java.time.Instant.now()).join().id();
        Await.until(Duration.ofSeconds(25), () -> gateway.store().events(id).join().stream()
            .filter(e -> e.type().equals("vitals.observation")).count() >= 4, () -> "no vitals in the record");
        gateway.store().appendToRecord(id, new EventSource("staff", "staff"), "staff.injection",
            new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"site\":\"left upper trapezius\",\"drugs\":"
                + "[\"lidocaine 1%\"],\"volumeMl\":1,\"enteredBy\":\"dr-lee\"}"), gateway.clock().now()).get();
        Thread.sleep(3000);
        gateway.records().close(id).toCompletableFuture().get();

        String url = "http://127.0.0.1:" + gateway.httpPort() + "/api/procedures/" + id + "/report";
        browser.driver.get(url);
        browser.wait.until(d -> !d.findElements(By.cssSelector("g.series")).isEmpty());
        WebElement heartRate = browser.driver.findElement(By.cssSelector("g.series[data-code=MDC_ECG_HEART_RATE]"));
        // The dip: heart-rate points drawn below the low limit's line (SVG y grows downwards).
        double lowLimit = Double.parseDouble(heartRate.findElement(By.cssSelector("line.limit")).getAttribute("y1"));
        double lowest = java.util.Arrays.stream(heartRate.findElement(By.tagName("polyline")).getAttribute("points")
            .trim().split(" ")).mapToDouble(point -> Double.parseDouble(point.split(",")[1])).max().orElseThrow();
        assertTrue(lowest > lowLimit, "the vasovagal dip under the 50 /min line: " + lowest + " vs " + lowLimit);
        assertTrue(browser.driver.findElements(By.cssSelector("g.marker")).stream()
            .anyMatch(m -> m.findElement(By.tagName("title")).getAttribute("textContent").contains("injection")),
            "the injection's marker");
        assertTrue(!browser.driver.findElements(By.cssSelector("g.phase")).isEmpty(), "phase bands");
        String text = browser.driver.findElement(By.tagName("body")).getText();
        assertTrue(text.contains("Waveforms around the events") && text.contains("II monitor-1"), text);
        assertTrue(browser.driver.findElements(By.cssSelector("svg polyline")).size() >= 2, "chart lines and ECG strips");
        browser.screenshot("record-report");

        java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "?format=pdf")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        Path file = Files.write(dir.resolve("record.pdf"), pdf.body());
        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        Process render = new ProcessBuilder("pdftoppm", "-r", "60", "-png", file.toString(),
            screenshots.resolve("record-report-pdf").toString()).inheritIO().start();
        assertEquals(0, render.waitFor());
        Process toText = new ProcessBuilder("pdftotext", file.toString(), "-").redirectErrorStream(true).start();
        String pdfText = new String(toText.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, toText.waitFor());
        assertTrue(pdfText.contains("Waveforms around the events") && pdfText.contains("Vital signs"), pdfText);
      }
    }
  }
}
