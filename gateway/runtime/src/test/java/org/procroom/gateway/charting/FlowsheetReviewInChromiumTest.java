package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
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
import org.procroom.gateway.dashboard.Browser;
import org.procroom.gateway.dashboard.PinHash;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * The nurse's review on the room page in headless Chromium: the flowsheet shows the held values, a
 * signed-in nurse taps one and gives the reason it is an artefact, then releases; the interface
 * engine (HAPI's MLLP receiver) gets validated results without the artefact, and the record has
 * both acts under her name. Screenshots in target/screenshots.
 */
class FlowsheetReviewInChromiumTest {
  @TempDir Path dir;

  @Test
  void aNurseMarksAnArtefactAndReleasesFromThePage() throws Exception {
    int mllp = FreePort.pick();
    try (InterfaceEngine engine = InterfaceEngine.start(InterfaceEngine.ACCEPT_ALL);
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      engine.chartFrom(room, "3s");
      room.env().put("PROCROOM_CHARTING_REVIEW", "gateway");
      room.writeConfig(Room.pcd01(mllp, ""));
      Files.writeString(room.configFile(), """
          dashboard:
            users:
              nurse-a: {name: "A. Nurse", pin: "%s"}
          """.formatted(PinHash.hash("4711".toCharArray())), StandardOpenOption.APPEND);
      try (Gateway gateway = room.startGateway(); Browser browser = new Browser(dir.resolve("chromium"))) {
        String procedure = Patients.openFromWorklist(gateway).id();
        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
            Duration.ofMillis(300), Duration.ZERO)) {
          Await.until(Duration.ofSeconds(20), () -> gateway.store().deliveryCounts("hl7").join().get("held") >= 3,
              () -> "held: " + gateway.store().deliveryCounts("hl7").join());
        }
        browser.driver.get("http://127.0.0.1:" + gateway.httpPort() + "/");
        browser.driver.findElement(By.id("signin-open")).click();
        browser.driver.findElement(By.name("user")).sendKeys("nurse-a");
        browser.driver.findElement(By.name("pin")).sendKeys("4711");
        browser.driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        browser.wait.until(ExpectedConditions.textToBe(By.id("who"), "\u00b7 A. Nurse"));

        By held = By.cssSelector("#flowsheet button.value[data-state=held]:not(.artefact)");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(held));
        assertTrue(browser.driver.findElement(By.id("flowsheet-held")).getText().contains("waiting for release"));
        browser.screenshot("flowsheet-1-held");

        WebElement value = browser.driver.findElement(held);
        String eventId = value.getAttribute("data-event");
        String code = value.findElement(By.xpath("ancestor::tr")).getAttribute("data-code");
        value.click();
        browser.wait.until(ExpectedConditions.alertIsPresent()).sendKeys("patient moving");
        browser.driver.switchTo().alert().accept();
        browser.wait.until(ExpectedConditions.textToBe(By.id("flowsheet-result"), "Marked as an artefact: patient moving"));
        browser.wait.until(d -> !d.findElements(By.cssSelector("#flowsheet button.value.artefact[data-event='" + eventId
            + "']")).isEmpty());
        browser.screenshot("flowsheet-2-artefact");

        browser.driver.findElement(By.id("release")).click();
        browser.wait.until(ExpectedConditions.textMatches(By.id("flowsheet-result"), java.util.regex.Pattern.compile(
            "^Released \\d+ message\\(s\\) to the chart")));
        browser.wait.until(ExpectedConditions.textToBe(By.id("flowsheet-held"), "\u00b7 all released"));
        browser.screenshot("flowsheet-3-released");

        List<DeviceEvent> record = gateway.store().events(procedure).join();
        DeviceEvent mark = record.stream().filter(e -> e.type().equals("charting.artefact")).findFirst().orElseThrow();
        assertEquals("A. Nurse", mark.payload().path("enteredBy").asText(), "the signed-in nurse, not a typed name");
        assertEquals("patient moving", mark.payload().path("reason").asText());
        DeviceEvent released = record.stream().filter(e -> e.type().equals("charting.released")).findFirst().orElseThrow();
        assertEquals("A. Nurse", released.payload().path("enteredBy").asText());

        int sent = released.payload().path("messages").asInt();
        Await.until(Duration.ofSeconds(20), () -> engine.received().size() == sent,
            () -> "engine got " + engine.received().size() + " of " + sent);
        for (Message m : engine.received()) {
          String text = m.encode();
          assertTrue(!InterfaceEngine.controlId(m).equals(eventId) || !text.contains("^" + code + "^MDC"),
              "the artefact is not filed: " + text);
          var order = ((ORU_R01) m).getPATIENT_RESULT().getORDER_OBSERVATION();
          for (int i = 1; i < order.getOBSERVATIONReps(); i++) {
            assertEquals("F", order.getOBSERVATION(i).getOBX().getObservationResultStatus().getValue());
          }
        }
      }
    }
  }
}
