package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.testkit.Await;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.Orthanc;
import org.procroom.testkit.TcpRelay;

/**
 * Received objects reach the site's archive, an Orthanc from Debian, over C-STORE (in the syntax
 * they came in) and over STOW-RS (Orthanc's DICOMweb plugin); while the archive is unreachable
 * they wait on the box, and storage commitment tells the modality of them only once the archive
 * has confirmed them.
 */
class ForwardingToTheArchiveTest {
  private static final String US_IMAGE = "1.2.840.10008.5.1.4.1.1.6.1";
  private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
  private static final String PATIENT = "123456789000042425";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void commitmentWaitsForTheArchiveWhichGetsTheObjectAsReceived() throws Exception {
    int port = FreePort.pick();
    int http = FreePort.pick();
    String sop = "1.2.826.0.1.3680043.10.1.11.1";
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         Orthanc pacs = Orthanc.start(dir.resolve("pacs"), "PACS", Map.of());
         TcpRelay network = new TcpRelay(pacs.dicomPort());
         Orthanc modality = Orthanc.start(dir.resolve("modality"), "ORTHANC",
             Map.of("procroom", new Object[] {"PROCROOM", "127.0.0.1", port}))) {
      room.writeConfig(Room.dicomStorageReportingTo(port, "ORTHANC", modality.dicomPort()));
      java.nio.file.Files.writeString(room.configFile(), """
          charting:
            archives:
              pacs: {url: "dicom://PACS@127.0.0.1:%d", retryInitial: 100ms, retryMax: 500ms}
          """.formatted(network.port()), java.nio.file.StandardOpenOption.APPEND);
      room.env().put("PROCROOM_HTTP_PORT", String.valueOf(http));
      Path jpeg = dir.resolve("jpeg.dcm");
      assertEquals(0, Dcmtk.run(dir, "dcmcjpeg", "--encode-baseline", "--uid-never",
          Dcmtk.ultrasound(dir, "plain", sop, PATIENT, 1, 4).toString(), jpeg.toString()).exit());
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", PATIENT, "Doe^Jane", "ACC-7", gateway.clock().now()).get();
        network.refuse(true);
        modality.post("/modalities/procroom/store", JSON.createArrayNode().add(modality.upload(jpeg)));
        Await.until(Duration.ofSeconds(10), () -> !events(gateway, "dicom.stored").isEmpty(), () -> "stored");
        String file = events(gateway, "dicom.stored").get(0).payload().path("file").asText();

        ObjectNode request = JSON.createObjectNode();
        request.putArray("DicomInstances").addObject().put("SOPClassUID", US_IMAGE).put("SOPInstanceUID", sop);
        String transaction = modality.post("/modalities/procroom/storage-commitment", request).path("ID").asText();
        Thread.sleep(3000); // the archive stays unreachable: no answer may come before it has the object
        assertEquals("Pending", modality.get("/storage-commitment/" + transaction).path("Status").asText(),
            () -> events(gateway, "dicom.commitment").toString());
        assertEquals(Map.of("archive.pacs", "pending"),
            gateway.store().deliveryStates(List.of("archive.pacs"), file).get());
        assertEquals(null, pacs.transferSyntaxOf(sop));
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + http + "/metrics")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("procroom_delivery_messages{queue=\"archive.pacs\",state=\"pending\"} 1"), metrics);
        assertTrue(metrics.contains("procroom_delivery_connected{queue=\"archive.pacs\"} 0"), metrics);

        network.refuse(false);
        Await.until(Duration.ofSeconds(20),
            () -> modality.get("/storage-commitment/" + transaction).path("Status").asText().equals("Success"),
            () -> "no success after the archive came back: " + modality.get("/storage-commitment/" + transaction));
        assertEquals(JPEG_BASELINE, pacs.transferSyntaxOf(sop), "kept in the syntax it was received in");
        assertEquals(Map.of("archive.pacs", "delivered"),
            gateway.store().deliveryStates(List.of("archive.pacs"), file).get());
        Await.until(Duration.ofSeconds(5), () -> !events(gateway, "dicom.commitment").isEmpty(), () -> "recorded");
        assertEquals("ok", events(gateway, "dicom.commitment").get(0).payload().path("severity").asText());
      }
    }
  }

  /**
   * With storage commitment toward the archive an object counts as archived only once the archive
   * committed it: Orthanc as the archive commits what it keeps; an Orthanc whose filter discards
   * what it receives answers the C-STORE with success all the same, and only its commitment
   * result (0112H) tells, so the object is parked, not taken for archived.
   */
  @Test
  void theArchiveMustCommitWhatItWasSent() throws Exception {
    int port = FreePort.pick();
    String sop = "1.2.826.0.1.3680043.10.1.16.1";
    Map<String, Object[]> gatewayAe = Map.of("procroom", new Object[] {"PROCROOM", "127.0.0.1", port});
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         Orthanc keeps = Orthanc.start(dir.resolve("keeps"), "PACS", gatewayAe);
         Orthanc discards = Orthanc.startWithLua(dir.resolve("discards"), "LOSSY", gatewayAe,
             "function ReceivedInstanceFilter(dicom, origin, info)\n  return false\nend\n")) {
      room.writeConfig(Room.dicomStorage(port, 0, "").replace("allowedCallers: US01@127.0.0.1",
          "allowedCallers: US01@127.0.0.1,PACS@127.0.0.1,LOSSY@127.0.0.1"));
      java.nio.file.Files.writeString(room.configFile(), """
          charting:
            archives:
              pacs: {url: "dicom://PACS@127.0.0.1:%d", storageCommitment: true, commitmentTimeout: 10s}
              lossy: {url: "dicom://LOSSY@127.0.0.1:%d", storageCommitment: true, commitmentTimeout: 10s}
          """.formatted(keeps.dicomPort(), discards.dicomPort()), java.nio.file.StandardOpenOption.APPEND);
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", PATIENT, "Doe^Jane", "ACC-7", gateway.clock().now()).get();
        assertEquals(0, Dcmtk.run(dir, "storescu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
            String.valueOf(port), Dcmtk.ultrasound(dir, "one", sop, PATIENT, 1, 6).toString()).exit());
        Await.until(Duration.ofSeconds(10), () -> !events(gateway, "dicom.stored").isEmpty(), () -> "stored");
        String file = events(gateway, "dicom.stored").get(0).payload().path("file").asText();
        Await.until(Duration.ofSeconds(30), () -> {
          Map<String, String> states = gateway.store().deliveryStates(List.of("archive.pacs", "archive.lossy"), file).join();
          return "delivered".equals(states.get("archive.pacs")) && "parked".equals(states.get("archive.lossy"));
        }, () -> "states: " + gateway.store().deliveryStates(List.of("archive.pacs", "archive.lossy"), file).join());
        assertEquals("1.2.840.10008.1.2.1", keeps.transferSyntaxOf(sop));
        assertEquals(null, discards.transferSyntaxOf(sop), "the filter discarded it after answering success");
        String why = gateway.store().deliveries("archive.lossy", "parked").join().get(0).lastError();
        assertTrue(why.endsWith("did not commit the object: failure reason 0112H"), why);
      }
    }
  }

  /**
   * An archive that takes images only uncompressed (Orthanc's AcceptedTransferSyntaxes) gets a JPEG
   * baseline image decompressed: the pixels DCMTK's dcmdjpeg decodes from the same file, the lossy
   * history kept.
   */
  @Test
  void anArchiveThatTakesOnlyUncompressedGetsThePixelsDecompressed() throws Exception {
    int port = FreePort.pick();
    String sop = "1.2.826.0.1.3680043.10.1.20.1";
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         Orthanc plainOnly = Orthanc.startAccepting(dir.resolve("plain"), "PACS",
             List.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1"))) {
      room.writeConfig(Room.dicomStorage(port, 0, ""));
      java.nio.file.Files.writeString(room.configFile(), """
          charting:
            archives:
              pacs: {url: "dicom://PACS@127.0.0.1:%d"}
          """.formatted(plainOnly.dicomPort()), java.nio.file.StandardOpenOption.APPEND);
      Path jpeg = dir.resolve("jpeg.dcm");
      assertEquals(0, Dcmtk.run(dir, "dcmcjpeg", "--encode-baseline", "--uid-never",
          Dcmtk.ultrasound(dir, "plain", sop, PATIENT, 1, 8).toString(), jpeg.toString()).exit());
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", PATIENT, "Doe^Jane", "ACC-7", gateway.clock().now()).get();
        assertEquals(0, Dcmtk.run(dir, "storescu", "-xy", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
            String.valueOf(port), jpeg.toString()).exit());
        Await.until(Duration.ofSeconds(20), () -> {
          try {
            return plainOnly.transferSyntaxOf(sop) != null;
          } catch (java.io.IOException e) {
            return false;
          }
        }, () -> "not in the archive: " + gateway.store().deliveries("archive.pacs", "parked").join());
        assertEquals("1.2.840.10008.1.2.1", plainOnly.transferSyntaxOf(sop));
        Path archived = dir.resolve("archived.dcm");
        java.nio.file.Files.write(archived, plainOnly.fileOf(sop));
        Path decoded = dir.resolve("dcmdjpeg.dcm");
        assertEquals(0, Dcmtk.run(dir, "dcmdjpeg", jpeg.toString(), decoded.toString()).exit());
        assertEquals(16 * 16, pixels(decoded).size(), "one 16 x 16 8-bit frame");
        assertEquals(pixels(decoded), pixels(archived), "the archive's pixels are DCMTK's decoding of the same file");
        String dump = Dcmtk.run(dir, "dcmdump", "+P", "0028,2110", archived.toString()).output();
        assertTrue(dump.contains("[01]"), "lossy history kept: " + dump);
      }
    }
  }

  /** The pixel data's bytes as dcmdump prints them in full, OW words split low byte first (8-bit pixels in OB or OW). */
  private java.util.List<String> pixels(Path file) throws Exception {
    String line = Dcmtk.run(dir, "dcmdump", "+L", "+P", "7fe0,0010", file.toString()).output().replaceAll("#.*", "").trim();
    String values = line.substring(line.indexOf(' ', line.indexOf(')') + 2) + 1).trim();
    java.util.List<String> bytes = new java.util.ArrayList<>();
    for (String v : values.split("\\\\")) {
      if (v.length() == 4) {
        bytes.add(v.substring(2));
        bytes.add(v.substring(0, 2));
      } else {
        bytes.add(v);
      }
    }
    return bytes;
  }

  /** The link to the archive fails half-way through a cine clip: it is sent again, and the archive has it whole, once. */
  @Test
  void aTransferCutHalfWayIsSentAgainWhole() throws Exception {
    int port = FreePort.pick();
    String sop = "1.2.826.0.1.3680043.10.1.21.1";
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         Orthanc pacs = Orthanc.start(dir.resolve("pacs"), "PACS", Map.of());
         TcpRelay network = new TcpRelay(pacs.dicomPort())) {
      room.writeConfig(Room.dicomStorage(port, 0, ""));
      java.nio.file.Files.writeString(room.configFile(), """
          charting:
            archives:
              pacs: {url: "dicom://PACS@127.0.0.1:%d", retryInitial: 100ms, retryMax: 500ms}
          """.formatted(network.port()), java.nio.file.StandardOpenOption.APPEND);
      Path cine = Dcmtk.ultrasound(dir, "cine", sop, PATIENT, 4000, 9);
      network.cutNextAfter(200_000);
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", PATIENT, "Doe^Jane", "ACC-7", gateway.clock().now()).get();
        assertEquals(0, Dcmtk.run(dir, "storescu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
            String.valueOf(port), cine.toString()).exit());
        Await.until(Duration.ofSeconds(10), () -> !events(gateway, "dicom.stored").isEmpty(), () -> "stored");
        String file = events(gateway, "dicom.stored").get(0).payload().path("file").asText();
        Await.until(Duration.ofSeconds(20), () -> "delivered".equals(gateway.store()
            .deliveryStates(List.of("archive.pacs"), file).join().get("archive.pacs")), () -> "not delivered");
        assertTrue(gateway.store().deliveries("archive.pacs", "delivered").join().get(0).attempts() >= 2,
            "the first attempt was cut");
        assertEquals(1, pacs.get("/statistics").path("CountInstances").asInt());
        assertEquals(pixels(cine), pixels(java.nio.file.Files.write(dir.resolve("archived.dcm"), pacs.fileOf(sop))),
            "the archive has the whole clip");
      }
    }
  }

  @Test
  void stowRsToDicomWeb() throws Exception {
    int port = FreePort.pick();
    String sop = "1.2.826.0.1.3680043.10.1.12.1";
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         Orthanc archive = Orthanc.start(dir.resolve("web"), "WEB", Map.of(), true)) {
      room.writeConfig(Room.dicomStorage(port, 0, ""));
      java.nio.file.Files.writeString(room.configFile(), """
          charting:
            archives:
              web: {url: "%s"}
          """.formatted(archive.dicomWebBase()), java.nio.file.StandardOpenOption.APPEND);
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", PATIENT, "Doe^Jane", "ACC-7", gateway.clock().now()).get();
        assertEquals(0, Dcmtk.run(dir, "storescu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
            String.valueOf(port), Dcmtk.ultrasound(dir, "plain", sop, PATIENT, 1, 5).toString()).exit());
        Await.until(Duration.ofSeconds(10), () -> !events(gateway, "dicom.stored").isEmpty(), () -> "stored");
        String file = events(gateway, "dicom.stored").get(0).payload().path("file").asText();
        Await.until(Duration.ofSeconds(20), () -> "delivered".equals(
            gateway.store().deliveryStates(List.of("archive.web"), file).join().get("archive.web")),
            () -> "not delivered: " + gateway.store().deliveryStates(List.of("archive.web"), file).join());
        assertEquals("1.2.840.10008.1.2.1", archive.transferSyntaxOf(sop));
      }
    }
  }

  private static List<DeviceEvent> events(Gateway gateway, String type) {
    return gateway.store().events(null).join().stream().filter(e -> e.type().equals(type)).toList();
  }
}
