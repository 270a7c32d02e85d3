package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.dashboard.Browser;
import org.procroom.gateway.store.QueuedDelivery;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * The banner of refused charting messages on the room page in headless Chromium: HAPI's MLLP
 * receiver refuses two messages (AE); from the banner an operator sends the first again, which is
 * then delivered, and gives the second up with a reason; both acts are recorded.
 */
class ParkedMessagesInChromiumTest {
  @TempDir Path dir;

  @Test
  void anOperatorResendsOneAndGivesUpTheOther() throws Exception {
    int mllp = FreePort.pick();
    try (InterfaceEngine engine = InterfaceEngine.start((message, nth) -> nth <= 2
             ? message.generateACK(AcknowledgmentCode.AE, new HL7Exception("unknown patient"))
             : message.generateACK());
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      engine.chartFrom(room, "3s");
      room.writeConfig(Room.pcd01(mllp, ""));
      try (Gateway gateway = room.startGateway(); Browser browser = new Browser(dir.resolve("chromium"))) {
        Patients.openFromWorklist(gateway);
        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
            Duration.ofMillis(300), Duration.ZERO)) {
          Await.until(Duration.ofSeconds(20), () -> gateway.store().deliveryCounts("hl7").join().get("parked") == 2,
              () -> "parked: " + gateway.store().deliveryCounts("hl7").join());
        }
        List<QueuedDelivery> parked = gateway.store().deliveries("hl7", QueuedDelivery.PARKED).join();
        browser.driver.get("http://127.0.0.1:" + gateway.httpPort() + "/");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("charting-open")));
        assertTrue(browser.driver.findElement(By.id("charting-text")).getText().contains("2 message(s) refused"),
            browser.driver.findElement(By.id("charting-text")).getText());
        browser.driver.findElement(By.id("charting-open")).click();
        By first = By.cssSelector("#parked-list tr[data-seq='" + parked.get(0).seq() + "']");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(first));
        assertTrue(browser.driver.findElement(first).getText().contains("unknown patient"));
        browser.screenshot("parked-1-listed");

        browser.driver.findElement(first).findElement(By.cssSelector("button.resend")).click();
        // No staff accounts in this room: the page asks for the operator's name once.
        browser.wait.until(ExpectedConditions.alertIsPresent()).sendKeys("rn-kim");
        browser.driver.switchTo().alert().accept();
        browser.wait.until(ExpectedConditions.textToBe(By.id("parked-result"), parked.get(0).key() + " sent again"));
        Await.until(Duration.ofSeconds(20), () -> engine.controlIds().stream().filter(parked.get(0).key()::equals).count() == 2,
            () -> "not sent again: " + engine.controlIds());

        By second = By.cssSelector("#parked-list tr[data-seq='" + parked.get(1).seq() + "'] button.drop");
        browser.wait.until(ExpectedConditions.elementToBeClickable(second)).click();
        browser.wait.until(ExpectedConditions.alertIsPresent()).sendKeys("charted by hand in the EHR");
        browser.driver.switchTo().alert().accept();
        browser.wait.until(ExpectedConditions.textToBe(By.id("parked-result"), parked.get(1).key() + " given up"));
        browser.screenshot("parked-2-settled");

        Await.until(Duration.ofSeconds(20), () -> gateway.store().deliveryCounts("hl7").join().get("parked") == 0,
            () -> "still parked: " + gateway.store().deliveryCounts("hl7").join());
        QueuedDelivery dropped = gateway.store().deliveries("hl7", QueuedDelivery.DROPPED).join().get(0);
        assertEquals("charted by hand in the EHR (dropped by rn-kim)", dropped.lastError());
        List<DeviceEvent> audit = gateway.store().events(null).join().stream()
            .filter(e -> e.type().equals("charting.operator")).toList();
        assertEquals(List.of("resend", "drop"), audit.stream().map(e -> e.payload().path("action").asText()).toList());
      }
    }
  }
}
