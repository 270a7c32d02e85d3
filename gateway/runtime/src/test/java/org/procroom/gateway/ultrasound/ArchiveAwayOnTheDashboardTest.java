package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.dashboard.Browser;
import org.procroom.testkit.Await;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/** With the archive unreachable the room page says so, and how many images wait on the box (Chromium). */
class ArchiveAwayOnTheDashboardTest {
  @TempDir Path dir;

  @Test
  void theBannerCountsTheImagesWaiting() throws Exception {
    int port = FreePort.pick();
    int nobody = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.dicomStorage(port, 0, ""));
      java.nio.file.Files.writeString(room.configFile(), """
          charting:
            archives:
              pacs: {url: "dicom://PACS@127.0.0.1:%d", retryInitial: 100ms, retryMax: 1s}
          """.formatted(nobody), java.nio.file.StandardOpenOption.APPEND);
      try (Gateway gateway = room.startGateway(); Browser browser = new Browser(dir.resolve("chromium"))) {
        gateway.store().openProcedure("TPI", "PAT-1", "Doe^Jane", "ACC-1", gateway.clock().now()).get();
        assertEquals(0, Dcmtk.run(dir, "storescu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
            String.valueOf(port), Dcmtk.ultrasound(dir, "one", "1.2.826.0.1.3680043.10.1.14.1", "PAT-1", 1, 1)
                .toString()).exit());
        Await.until(Duration.ofSeconds(10), () -> gateway.store().deliveryCounts("archive.pacs").join()
            .getOrDefault("pending", 0L) == 1, () -> "queued: " + gateway.store().deliveryCounts("archive.pacs").join());
        browser.driver.get("http://127.0.0.1:" + gateway.httpPort() + "/");
        Await.until(Duration.ofSeconds(20), () -> browser.driver.findElement(By.id("charting-text")).getText()
            .contains("1 image(s) waiting"), () -> browser.driver.findElement(By.id("charting-text")).getText());
        String text = browser.driver.findElement(By.id("charting-text")).getText();
        assertTrue(text.startsWith("ARCHIVE: archive pacs (PACS@127.0.0.1:" + nobody + ") not reachable"), text);
        browser.screenshot("archive-away");
      }
    }
  }
}
