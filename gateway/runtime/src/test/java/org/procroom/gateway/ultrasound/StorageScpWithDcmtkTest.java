package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.store.EventJson;
import org.procroom.testkit.Await;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/** The Storage SCP against DCMTK's echoscu and storescu, as a modality would use it. */
class StorageScpWithDcmtkTest {
  private static final String PATIENT = "123456789000042425";

  @TempDir Path dir;
  private int port;

  @BeforeEach
  void pickPort() {
    port = FreePort.pick();
  }

  private Room room(MosquittoBroker broker) throws Exception {
    Room room = new Room(dir, broker.url());
    room.writeConfig(Room.dicomStorage(port, FreePort.pick(), ""));
    return room;
  }

  private Dcmtk.Result store(String callingAe, String syntax, Path file) throws Exception {
    return Dcmtk.run(dir, "storescu", "-aet", callingAe, "-aec", "PROCROOM", syntax, "127.0.0.1", String.valueOf(port),
        file.toString());
  }

  private static List<DeviceEvent> events(Gateway gateway, String type) {
    return gateway.store().events(null).join().stream().filter(e -> e.type().equals(type)).toList();
  }

  @Test
  void echoAndStoreUncompressedJpegAndRleSingleAndMultiFrame() throws Exception {
    Path plain = Dcmtk.ultrasound(dir, "plain", "1.2.826.0.1.3680043.10.1.1.1.1", PATIENT, 1, 0);
    Path cine = Dcmtk.ultrasound(dir, "cine", "1.2.826.0.1.3680043.10.1.1.1.2", PATIENT, 3, 5);
    Path jpeg = dir.resolve("jpeg.dcm");
    Path rle = dir.resolve("rle.dcm");
    assertEquals(0, Dcmtk.run(dir, "dcmcjpeg", "--encode-baseline",
        Dcmtk.ultrasound(dir, "forjpeg", "1.2.826.0.1.3680043.10.1.1.1.3", PATIENT, 1, 9).toString(), jpeg.toString()).exit());
    assertEquals(0, Dcmtk.run(dir, "dcmcrle",
        Dcmtk.ultrasound(dir, "forrle", "1.2.826.0.1.3680043.10.1.1.1.4", PATIENT, 3, 11).toString(), rle.toString()).exit());
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = room(broker);
         Gateway gateway = room.startGateway()) {
      gateway.store().openProcedure("TPI", PATIENT, gateway.clock().now()).get();
      Dcmtk.Result echo = Dcmtk.run(dir, "echoscu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1", String.valueOf(port));
      assertEquals(0, echo.exit(), echo.output());
      assertEquals(0, store("US01", "-xs", plain).exit());
      assertEquals(0, store("US01", "-xs", cine).exit());
      Dcmtk.Result jpegSent = store("US01", "-xy", jpeg);
      assertEquals(0, jpegSent.exit(), jpegSent.output());
      Dcmtk.Result rleSent = store("US01", "-xr", rle);
      assertEquals(0, rleSent.exit(), rleSent.output());

      List<DeviceEvent> stored = events(gateway, "dicom.stored");
      assertEquals(4, stored.size(), "each acknowledged object is in the record");
      JsonNode first = stored.get(0).payload();
      assertEquals("1.2.840.10008.5.1.4.1.1.6.1", first.path("sopClassUid").asText());
      assertEquals("US", first.path("modality").asText());
      assertEquals("AcquisitionDateTime", first.path("timeSource").asText());
      assertEquals("2026-11-25T10:30:15.25+01:00", first.path("acquisitionTime").asText());
      assertEquals("2026-11-25T09:30:15.250Z", stored.get(0).deviceTime().toString(), "device time in UTC");
      assertEquals("US01", first.path("callingAe").asText());
      assertTrue(Files.exists(room.dir.resolve("data").resolve(first.path("file").asText())), "kept as a Part-10 file");
      for (DeviceEvent e : stored) {
        Path thumbnail = room.dir.resolve("data").resolve(e.payload().path("thumbnail").asText("missing"));
        byte[] image = Files.readAllBytes(thumbnail);
        assertEquals((byte) 0xFF, image[0], "a JPEG thumbnail for " + e.payload().path("transferSyntaxUid"));
        assertEquals((byte) 0xD8, image[1]);
      }
      JsonNode multi = stored.get(1).payload();
      assertEquals("1.2.840.10008.5.1.4.1.1.3.1", multi.path("sopClassUid").asText());
      assertEquals(3, multi.path("frames").asInt());
      assertEquals(33.3, multi.path("frameTimeMs").asDouble());
      assertEquals("1.2.840.10008.1.2.4.50", stored.get(2).payload().path("transferSyntaxUid").asText(), "JPEG baseline");
      assertEquals("1.2.840.10008.1.2.5", stored.get(3).payload().path("transferSyntaxUid").asText(), "RLE");
    }
  }

  @Test
  void secondaryCaptureAndFluoroscopyAreAcceptedToo() throws Exception {
    List<Path> objects = List.of(
        Dcmtk.image(dir, "sc", "SecondaryCaptureImageStorage", "OT", "1.2.826.0.1.3680043.10.1.1.1.61", PATIENT, 1, 1),
        Dcmtk.image(dir, "xa", "XRayAngiographicImageStorage", "XA", "1.2.826.0.1.3680043.10.1.1.1.62", PATIENT, 2, 2),
        Dcmtk.image(dir, "rf", "XRayRadiofluoroscopicImageStorage", "RF", "1.2.826.0.1.3680043.10.1.1.1.63", PATIENT, 2, 3));
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = room(broker);
         Gateway gateway = room.startGateway()) {
      for (Path object : objects) {
        Dcmtk.Result sent = store("US01", "-xs", object);
        assertEquals(0, sent.exit(), sent.output());
      }
      assertEquals(List.of("1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.5.1.4.1.1.12.1", "1.2.840.10008.5.1.4.1.1.12.2"),
          events(gateway, "dicom.stored").stream().map(e -> e.payload().path("sopClassUid").asText()).toList());
    }
  }

  @Test
  void unknownCallersAreRejectedAndWrongPatientsQuarantined() throws Exception {
    Path image = Dcmtk.ultrasound(dir, "img", "1.2.826.0.1.3680043.10.1.1.1.9", PATIENT, 1, 0);
    Path sameUidOtherPixels = Dcmtk.ultrasound(dir, "img2", "1.2.826.0.1.3680043.10.1.1.1.9", PATIENT, 1, 40);
    Path otherPatient = Dcmtk.ultrasound(dir, "other", "1.2.826.0.1.3680043.10.1.1.1.10", "SOMEONE-ELSE", 1, 0);
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = room(broker);
         Gateway gateway = room.startGateway()) {
      gateway.store().openProcedure("TPI", PATIENT, gateway.clock().now()).get();
      Dcmtk.Result refused = store("INTRUDER", "-xs", image);
      assertNotEquals(0, refused.exit(), "association must be rejected");
      assertTrue(refused.output().toLowerCase().contains("reject"), refused.output());
      assertEquals(1, events(gateway, "dicom.rejected").size());
      assertEquals(0, events(gateway, "dicom.stored").size(), "nothing stored from an unknown caller");

      assertEquals(0, store("US01", "-xs", image).exit());
      assertEquals(0, store("US01", "-xs", image).exit());
      assertEquals(0, store("US01", "-xs", sameUidOtherPixels).exit());
      List<DeviceEvent> stored = events(gateway, "dicom.stored");
      assertEquals(List.of("null", "identical-resend", "different-content"),
          stored.stream().map(e -> e.payload().path("duplicate").asText("null")).toList());
      assertNotEquals(stored.get(0).payload().path("file").asText(), stored.get(2).payload().path("file").asText(),
          "never overwritten");
      assertEquals("warning", stored.get(2).payload().path("severity").asText());

      assertEquals(0, store("US01", "-xs", otherPatient).exit(), "received (the modality keeps no copy problem)");
      List<DeviceEvent> quarantined = events(gateway, "dicom.quarantined");
      assertEquals(1, quarantined.size());
      assertEquals("critical", quarantined.get(0).payload().path("severity").asText());
      assertTrue(quarantined.get(0).payload().path("file").asText().startsWith("dicom/quarantine/"));
      Await.until(Duration.ofSeconds(5), () -> gateway.store().outboxDepth().join() == 0, () -> "published");
      FeedSchemas schemas = new FeedSchemas();
      for (DeviceEvent e : gateway.store().events(null).join()) {
        JsonNode json = EventJson.toTree(e);
        assertTrue(schemas.validateEvent(json).isEmpty(), () -> e.type() + ": " + schemas.validateEvent(json));
      }
    }
  }
}
