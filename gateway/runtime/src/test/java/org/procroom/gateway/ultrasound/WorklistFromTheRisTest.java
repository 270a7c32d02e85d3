package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.dashboard.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.procroom.gateway.store.Scheduled;
import org.procroom.testkit.Await;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.Orthanc;

/**
 * The site schedules in its RIS, here Orthanc with its ModalityWorklists plugin answering from
 * worklist files written by DCMTK: the room's station's steps for today join the room's schedule
 * and its own worklist, with the RIS's study UID; a step the RIS drops leaves; a RIS that stops
 * answering leaves the schedule as it was.
 */
class WorklistFromTheRisTest {
  private static final String STUDY = "1.2.826.0.1.3680043.10.1.15";

  @TempDir Path dir;

  private Path worklist(Path folder, String name, String accession, String station, String patientId)
      throws Exception {
    String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
    List<String> dump = new java.util.ArrayList<>(List.of(
        "(0008,0005) CS [ISO_IR 192]",
        "(0010,0010) PN [Müller^Jörg]",
        "(0020,000d) UI [" + STUDY + "." + name.length() + "]",
        "(0040,1001) SH [RP-" + name + "]",
        "(0040,0100) SQ (Sequence with undefined length)",
        "(fffe,e000) na (Item with undefined length)",
        "(0040,0001) AE [" + station + "]",
        "(0040,0002) DA [" + today + "]",
        "(0040,0003) TM [143000]",
        "(0008,0060) CS [US]",
        "(0040,0007) LO [Trigger point injection]",
        "(fffe,e00d) na (ItemDelimitationItem)",
        "(fffe,e0dd) na (SequenceDelimitationItem)"));
    if (accession != null) {
      dump.add(0, "(0008,0050) SH [" + accession + "]");
    }
    if (patientId != null) {
      dump.add(0, "(0010,0020) LO [" + patientId + "]");
    }
    Path text = dir.resolve(name + ".dump");
    Files.write(text, dump, StandardCharsets.UTF_8);
    Path wl = folder.resolve(name + ".wl");
    Dcmtk.Result r = Dcmtk.run(dir, "dump2dcm", "--write-xfer-little", text.toString(), wl.toString());
    assertEquals(0, r.exit(), r.output());
    return wl;
  }

  private static List<Scheduled> fromTheRis(Gateway gateway) {
    return gateway.store().scheduled().stream().filter(s -> "us-1".equals(s.source())).toList();
  }

  @Test
  void theRoomsStepsJoinTheScheduleAndStayWhileTheRisIsAway() throws Exception {
    int port = FreePort.pick();
    Path folder = Files.createDirectories(dir.resolve("worklists"));
    worklist(folder, "one", "ACC-RIS-1", "US01", "MRN-777");
    Path two = worklist(folder, "twotwo", "ACC-RIS-2", "US01", "MRN-778");
    worklist(folder, "other", "ACC-RIS-3", "US02", "MRN-779");
    worklist(folder, "noacc", null, "US01", "MRN-780");
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      Orthanc ris = Orthanc.startAsRis(dir.resolve("ris"), "RIS", folder);
      try {
        room.writeConfig(Room.dicomStorage(port, 0, """
            timeZone: UTC
            ris: {url: "dicom://RIS@127.0.0.1:%d", interval: 1s}
            """.formatted(ris.dicomPort())));
        try (Gateway gateway = room.startGateway()) {
          Await.until(Duration.ofSeconds(20), () -> fromTheRis(gateway).size() == 2,
              () -> "scheduled from the RIS: " + fromTheRis(gateway));
          Scheduled one = fromTheRis(gateway).stream().filter(s -> s.accessionNumber().equals("ACC-RIS-1")).findFirst()
              .orElseThrow();
          assertEquals("MRN-777", one.patientRef());
          assertEquals("Müller^Jörg", one.patientName());
          assertEquals(STUDY + ".3", one.studyInstanceUid());
          assertEquals(LocalDate.now(ZoneOffset.UTC).atTime(14, 30).toInstant(ZoneOffset.UTC), one.scheduledAt());

          // The room page lists it as the RIS's, with no patient on it.
          try (Browser browser = new Browser(dir.resolve("chromium"))) {
            browser.driver.get("http://127.0.0.1:" + gateway.httpPort() + "/");
            By item = By.cssSelector("#schedule li[data-accession='ACC-RIS-1']");
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(item));
            String shown = browser.driver.findElement(item).getText();
            assertTrue(shown.contains("TPI") && shown.endsWith("RIS") && !shown.contains("Müller"), shown);
            browser.screenshot("schedule-from-the-ris");
          }

          // The modality asks the room: it gets the RIS's study UID to reuse.
          Path out = Files.createDirectories(dir.resolve("find"));
          Dcmtk.Result found = Dcmtk.run(dir, "findscu", "-W", "-aet", "US01", "-aec", "PROCROOM", "-X", "-od",
              out.toString(), "-k", "AccessionNumber=ACC-RIS-1", "-k", "StudyInstanceUID", "127.0.0.1",
              String.valueOf(port));
          assertEquals(0, found.exit(), found.output());
          try (Stream<Path> files = Files.list(out)) {
            String dump = Dcmtk.run(dir, "dcmdump", files.findFirst().orElseThrow().toString()).output();
            assertTrue(dump.contains("(0020,000d) UI [" + STUDY + ".3]"), dump);
          }

          Files.delete(two);
          Await.until(Duration.ofSeconds(20), () -> fromTheRis(gateway).size() == 1,
              () -> "a step the RIS dropped is still scheduled: " + fromTheRis(gateway));

          ris.close();
          Thread.sleep(3000); // three fetches that find no RIS
          assertEquals(List.of("ACC-RIS-1"), fromTheRis(gateway).stream().map(Scheduled::accessionNumber).toList(),
              "the room keeps what it had while the RIS is away");
        }
      } finally {
        ris.close();
      }
    }
  }
}
