package org.procroom.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.simulators.vitals.IntellivueSimulator;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * The room page in headless Chromium against a running gateway fed by the scanner simulator over a
 * pty: the tile turns connected, scans show their result, an expired vial raises the red alert,
 * and a pain score entered on the page by a signed-in nurse lands in the record under her name.
 */
class DashboardInChromiumTest {
  private static final String GS = "\u001d";
  private static final String PATIENT = "123456789000042425";

  @TempDir Path dir;

  @Test
  void theRoomAtAGlanceAndAnEntryFromThePage() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      int monitorPort = FreePort.pick();
      IntellivueSimulator intellivue = IntellivueSimulator.lan(0, PhysiologyScript.calm(), Duration.ZERO,
          java.time.ZoneId.systemDefault());
      room.writeConfig(Room.pcd01(monitorPort, "") + """
          monitor-2:
            type: philips-intellivue
            host: 127.0.0.1
            dataExportPort: %d
            pollInterval: 1s
          """.formatted(intellivue.port()));
      Files.writeString(room.configFile(), """
          dashboard:
            users:
              nurse-a: {name: "A. Nurse", pin: "%s"}
          """.formatted(PinHash.hash("4711".toCharArray())), StandardOpenOption.APPEND);
      try (IntellivueSimulator closing = intellivue;
           Gateway gateway = room.startGateway(); Browser browser = new Browser(dir.resolve("chromium"));
           Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", monitorPort, "MON1", PhysiologyScript.calm(),
               Duration.ofSeconds(1), Duration.ZERO)) {
        String procedure = gateway.store().openProcedure("TPI", PATIENT, gateway.clock().now()).get().id();
        browser.driver.get("http://127.0.0.1:" + gateway.httpPort() + "/");

        browser.wait.until(d -> "CONNECTED".equals(
            d.findElement(By.cssSelector(".tile[data-device=scanner-1]")).getAttribute("data-state")));
        browser.wait.until(d -> "CONNECTED".equals(
            d.findElement(By.cssSelector(".tile[data-device=pcd01]")).getAttribute("data-state")));
        // The vitals strip shows the monitor's heart rate as recorded, with its trend drawn once two sets are in.
        By heartRate = By.cssSelector("#vitals .vital[data-code=MDC_ECG_HEART_RATE][data-device=pcd01] .value");
        browser.wait.until(d -> !d.findElements(heartRate).isEmpty());
        // The strip is redrawn on every set: read the value afresh until it holds still long enough to read.
        String shown = browser.wait.until(d -> {
          try {
            return d.findElement(heartRate).getText();
          } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            return null;
          }
        }).replaceAll("(?s)^([0-9.]+).*$", "$1");
        assertTrue(heartRates(gateway).contains(Double.parseDouble(shown)), shown + " not among " + heartRates(gateway));
        assertEquals("Heart rate \u00b7 pcd01", browser.wait.until(d -> {
          try {
            return d.findElement(By.cssSelector("#vitals .vital[data-code=MDC_ECG_HEART_RATE][data-device=pcd01] .label")).getText();
          } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            return null;
          }
        }), "labelled with its monitor");
        // Two monitors that both report a heart rate: two trends, each under its own monitor.
        assertEquals(List.of("monitor-2", "pcd01"), browser.wait.until(d -> {
          try {
            List<String> devices = d.findElements(By.cssSelector("#vitals .vital[data-code=MDC_ECG_HEART_RATE]")).stream()
                .map(v -> v.getAttribute("data-device")).toList();
            return devices.size() == 2 ? devices : null;
          } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            return null;
          }
        }));
        assertEquals("room-7", browser.driver.findElement(By.id("room")).getText());
        assertEquals("assessment", browser.driver.findElement(By.id("phases")).getAttribute("data-current"));
        browser.screenshot("dashboard-1-connected");

        room.scanner.scan("]C18017123456789000000012");                                   // badge
        room.scanner.scan("]d28018" + PATIENT);                                          // wristband
        room.scanner.scan("]d20100304094276014" + "17271130" + "10LID2401" + GS + "21S1"); // valid lidocaine vial
        WebElement card = browser.driver.findElement(By.id("scan-latest"));
        browser.wait.until(d -> card.getText().contains("LID2401"));
        assertEquals("ok", card.getAttribute("data-severity"));
        assertTrue(card.getText().startsWith("OK"), card.getText());
        assertTrue(card.getText().contains("Lidocaine"), card.getText());
        assertTrue(card.getText().contains("exp 2027-11-30"), card.getText());
        assertEquals("ok", browser.driver.findElement(By.tagName("body")).getAttribute("data-last-cue"));
        assertFalse(browser.driver.findElement(By.id("alert")).isDisplayed());
        browser.screenshot("dashboard-2-valid-vial");
        // The trend's axis is the procedure's: its phases as bands, the vial scan as a mark on every trend.
        assertEquals("1", browser.wait.until(d -> {
          try {
            String marks = d.findElement(By.cssSelector("#vitals .vital[data-device=pcd01]")).getAttribute("data-marks");
            return "0".equals(marks) ? null : marks;
          } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            return null;
          }
        }), "the lidocaine scan marked");

        room.scanner.scan("]d20100304094276014" + "17251031" + "10LID2301" + GS + "21S2"); // expired
        WebElement alert = browser.driver.findElement(By.id("alert"));
        browser.wait.until(ExpectedConditions.visibilityOf(alert));
        assertTrue(alert.getText().contains("STOP") && alert.getText().contains("EXPIRED"), alert.getText());
        assertTrue(card.getText().contains("exp 2025-10-31"), card.getText());
        assertEquals("critical", card.getAttribute("data-severity"));
        assertEquals("critical", browser.driver.findElement(By.tagName("body")).getAttribute("data-last-cue"));
        assertTrue(alert.getSize().getWidth() >= 1900, "the alert spans the screen: " + alert.getSize());
        browser.screenshot("dashboard-3-expired-alert");
        browser.driver.findElement(By.id("alert-ack")).click();

        // A pain score from the page: the page asks to sign in, then the entry carries the nurse's name.
        browser.driver.findElement(By.cssSelector("#pain button[data-score='6']")).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
        browser.driver.findElement(By.name("user")).sendKeys("nurse-a");
        browser.driver.findElement(By.name("pin")).sendKeys("4711");
        browser.driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        browser.wait.until(ExpectedConditions.textToBe(By.id("who"), "\u00b7 A. Nurse"));
        browser.driver.findElement(By.cssSelector("#pain button[data-score='6']")).click();
        browser.wait.until(ExpectedConditions.textToBe(By.id("entry-result"), "Pain 6/10 (before) recorded"));

        Await.until(Duration.ofSeconds(10), () -> painScores(gateway, procedure).size() == 1, () -> "pain score not recorded");
        DeviceEvent pain = painScores(gateway, procedure).get(0);
        assertEquals(6, pain.payload().path("score").asInt());
        assertEquals("before", pain.payload().path("timing").asText());
        assertEquals("A. Nurse", pain.payload().path("enteredBy").asText());
        browser.wait.until(d -> d.findElement(By.id("timeline")).getText().contains("pain"));
        browser.screenshot("dashboard-4-pain-score");

        browser.driver.findElement(By.id("view-toggle")).click();
        By row = By.cssSelector("#commission tr[data-device=scanner-1]");
        browser.wait.until(d -> !d.findElement(row).findElement(By.className("bytes")).getText().equals("0"));
        browser.wait.until(d -> d.findElement(row).getText().contains(room.cable.gatewayEnd().toString()));
        browser.screenshot("dashboard-5-commissioning");

        // A tablet in landscape: one column, nothing wider than the screen, buttons big enough for a finger.
        browser.driver.findElement(By.id("view-toggle")).click();
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1024, 768));
        browser.wait.until(d -> ((Number) browser.driver.executeScript("return window.innerWidth")).intValue() <= 1024);
        long overflow = ((Number) browser.driver.executeScript(
            "return document.documentElement.scrollWidth - window.innerWidth")).longValue();
        assertTrue(overflow <= 0, "the page scrolls sideways by " + overflow + " px");
        org.openqa.selenium.Dimension button = browser.driver.findElement(By.cssSelector("#pain button[data-score='6']"))
            .getSize();
        assertTrue(button.getWidth() >= 44 && button.getHeight() >= 44, "pain button " + button);
        assertTrue(browser.driver.findElement(By.id("scan-latest")).getText().contains("EXPIRED"));
        browser.screenshot("dashboard-6-tablet");

        // Closing the record takes the patient's scans and entries off the room's screen.
        gateway.records().close(procedure).toCompletableFuture().get();
        browser.wait.until(d -> d.findElements(By.cssSelector("#scan-list li")).isEmpty());
        assertEquals("Scan a vial, wristband or badge", browser.driver.findElement(By.id("scan-latest")).getText());
        assertFalse(browser.driver.findElement(By.id("timeline")).getText().contains("pain"),
            browser.driver.findElement(By.id("timeline")).getText());

        // ... and offers the closed record to print: the clinical report, opened from the page's link.
        WebElement print = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("last-record-html")));
        String pdfLink = browser.driver.findElement(By.id("last-record-pdf")).getAttribute("href");
        browser.screenshot("dashboard-7-last-record");
        browser.driver.get(print.getAttribute("href"));
        browser.wait.until(d -> d.getPageSource().contains("class=\"vitals-chart\"") || d.getPageSource().contains("<svg"));
        assertTrue(browser.driver.getPageSource().contains("Pain"), "the report carries the pain score");
        browser.screenshot("dashboard-8-printable-record");
        java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(pdfLink)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertEquals("%PDF", new String(pdf.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
      }
    }
  }

  private static List<Double> heartRates(Gateway gateway) {
    return gateway.store().events(null).join().stream().filter(e -> e.type().equals("vitals.observation"))
        .flatMap(e -> java.util.stream.StreamSupport.stream(e.payload().path("observations").spliterator(), false))
        .filter(o -> o.path("code").asText().equals("MDC_ECG_HEART_RATE")).map(o -> o.path("value").asDouble()).toList();
  }

  private static List<DeviceEvent> painScores(Gateway gateway, String procedure) {
    return gateway.store().events(procedure).join().stream().filter(e -> e.type().equals("staff.pain-score")).toList();
  }
}
