package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.procroom.gateway.store.EventJson;
import org.procroom.testkit.Await;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.Orthanc;
import org.procroom.testkit.TcpRelay;

/**
 * Orthanc as the modality: it sends images with C-STORE, asks for storage commitment and releases
 * at once, as its storage commitment SCU does; the result must reach its own SCP on a new
 * association, and Orthanc's record of the transaction says what it understood.
 */
class StorageCommitmentWithOrthancTest {
  private static final String US_IMAGE = "1.2.840.10008.5.1.4.1.1.6.1";
  private static final String PATIENT = "123456789000042425";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void storedObjectsAreCommittedOthersFailWithTheirReason() throws Exception {
    int port = FreePort.pick();
    String stored = "1.2.826.0.1.3680043.10.1.7.1";
    String neverSent = "1.2.826.0.1.3680043.10.1.7.2";
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         Orthanc modality = Orthanc.start(dir.resolve("orthanc"), "ORTHANC",
             Map.of("procroom", new Object[] {"PROCROOM", "127.0.0.1", port}))) {
      room.writeConfig(Room.dicomStorageReportingTo(port, "ORTHANC", modality.dicomPort()));
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", PATIENT, "Doe^Jane", "ACC-7", gateway.clock().now()).get();
        String id = modality.upload(Dcmtk.ultrasound(dir, "stored", stored, PATIENT, 1, 3));
        modality.post("/modalities/procroom/store", JSON.createArrayNode().add(id));
        Await.until(Duration.ofSeconds(10), () -> !events(gateway, "dicom.stored").isEmpty(), () -> "stored");

        ObjectNode request = JSON.createObjectNode();
        ArrayNode instances = request.putArray("DicomInstances");
        instances.addObject().put("SOPClassUID", US_IMAGE).put("SOPInstanceUID", stored);
        instances.addObject().put("SOPClassUID", US_IMAGE).put("SOPInstanceUID", neverSent);
        instances.addObject().put("SOPClassUID", "1.2.840.10008.5.1.4.1.1.7").put("SOPInstanceUID", stored);
        String transaction = modality.post("/modalities/procroom/storage-commitment", request).path("ID").asText();

        Await.until(Duration.ofSeconds(20),
            () -> !modality.get("/storage-commitment/" + transaction).path("Status").asText().equals("Pending"),
            () -> "Orthanc got no report: " + modality.get("/storage-commitment/" + transaction));
        JsonNode report = modality.get("/storage-commitment/" + transaction);
        assertEquals("Failure", report.path("Status").asText(), report::toString);
        assertEquals(1, report.path("Success").size(), report::toString);
        assertEquals(stored, report.path("Success").get(0).path("SOPInstanceUID").asText());
        assertEquals(2, report.path("Failures").size(), report::toString);
        assertEquals(Map.of(neverSent, 0x0112, stored, 0x0119), Map.of(
            report.path("Failures").get(0).path("SOPInstanceUID").asText(),
            report.path("Failures").get(0).path("FailureReason").asInt(),
            report.path("Failures").get(1).path("SOPInstanceUID").asText(),
            report.path("Failures").get(1).path("FailureReason").asInt()), report::toString);

        Await.until(Duration.ofSeconds(5), () -> !events(gateway, "dicom.commitment").isEmpty(), () -> "recorded");
        List<DeviceEvent> commitments = events(gateway, "dicom.commitment");
        assertEquals(1, commitments.size());
        JsonNode p = commitments.get(0).payload();
        assertEquals(transaction, p.path("transactionUid").asText());
        assertEquals("reported", p.path("state").asText());
        assertEquals("new association", p.path("reportedOn").asText());
        assertEquals(3, p.path("requested").asInt());
        assertEquals(1, p.path("committed").asInt());
        assertEquals("warning", p.path("severity").asText());
        assertEquals("0112H", p.path("failed").get(0).path("failureReason").asText());
        FeedSchemas schemas = new FeedSchemas();
        for (DeviceEvent e : gateway.store().events(null).join()) {
          JsonNode json = EventJson.toTree(e);
          assertTrue(schemas.validateEvent(json).isEmpty(), () -> e.type() + ": " + schemas.validateEvent(json));
        }
      }
    }
  }

  @Test
  void aReportTheModalityCouldNotTakeIsSentAgainAndSurvivesARestart() throws Exception {
    int port = FreePort.pick();
    String stored = "1.2.826.0.1.3680043.10.1.8.1";
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         Orthanc modality = Orthanc.start(dir.resolve("orthanc"), "ORTHANC",
             Map.of("procroom", new Object[] {"PROCROOM", "127.0.0.1", port}));
         TcpRelay network = new TcpRelay(modality.dicomPort())) {
      room.writeConfig(Room.dicomStorageReportingTo(port, "ORTHANC", network.port()));
      String transaction;
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", PATIENT, "Doe^Jane", "ACC-7", gateway.clock().now()).get();
        String id = modality.upload(Dcmtk.ultrasound(dir, "stored", stored, PATIENT, 1, 3));
        modality.post("/modalities/procroom/store", JSON.createArrayNode().add(id));
        network.refuse(true);
        transaction = requestCommitment(modality, stored);
        Await.until(Duration.ofSeconds(10), () -> !events(gateway, "dicom.commitment").isEmpty(), () -> "pending");
        JsonNode pending = events(gateway, "dicom.commitment").get(0).payload();
        assertEquals("report-pending", pending.path("state").asText());
        assertEquals("warning", pending.path("severity").asText());
        assertTrue(pending.path("reason").asText().startsWith("cannot report to 127.0.0.1:" + network.port()),
            pending::toString);
        assertEquals("Pending", modality.get("/storage-commitment/" + transaction).path("Status").asText());
      }
      network.refuse(false);
      try (Gateway restarted = room.startGateway()) {
        Await.until(Duration.ofSeconds(20),
            () -> modality.get("/storage-commitment/" + transaction).path("Status").asText().equals("Success"),
            () -> "no report after the restart: " + modality.get("/storage-commitment/" + transaction));
        Await.until(Duration.ofSeconds(5), () -> events(restarted, "dicom.commitment").size() == 2, () -> "recorded");
        JsonNode reported = events(restarted, "dicom.commitment").get(1).payload();
        assertEquals("reported", reported.path("state").asText());
        assertEquals(1, reported.path("committed").asInt());
        assertEquals("ok", reported.path("severity").asText());
      }
    }
  }

  @Test
  void aModalityThatIsBackWithinTheRunGetsItsReport() throws Exception {
    int port = FreePort.pick();
    String stored = "1.2.826.0.1.3680043.10.1.9.1";
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         Orthanc modality = Orthanc.start(dir.resolve("orthanc"), "ORTHANC",
             Map.of("procroom", new Object[] {"PROCROOM", "127.0.0.1", port}));
         TcpRelay network = new TcpRelay(modality.dicomPort())) {
      room.writeConfig(Room.dicomStorageReportingTo(port, "ORTHANC", network.port()));
      try (Gateway gateway = room.startGateway()) {
        network.refuse(true);
        String transaction = requestCommitment(modality, stored);
        Await.until(Duration.ofSeconds(10), () -> !events(gateway, "dicom.commitment").isEmpty(), () -> "pending");
        network.refuse(false);
        Await.until(Duration.ofSeconds(20),
            () -> !modality.get("/storage-commitment/" + transaction).path("Status").asText().equals("Pending"),
            () -> "no report after the modality came back");
        JsonNode report = modality.get("/storage-commitment/" + transaction);
        assertEquals("Failure", report.path("Status").asText(), "never sent, so not committed: " + report);
        assertEquals(0x0112, report.path("Failures").get(0).path("FailureReason").asInt());
      }
    }
  }

  private static String requestCommitment(Orthanc modality, String sopInstanceUid) throws Exception {
    ObjectNode request = JSON.createObjectNode();
    request.putArray("DicomInstances").addObject().put("SOPClassUID", US_IMAGE).put("SOPInstanceUID", sopInstanceUid);
    return modality.post("/modalities/procroom/storage-commitment", request).path("ID").asText();
  }

  private static List<DeviceEvent> events(Gateway gateway, String type) {
    return gateway.store().events(null).join().stream().filter(e -> e.type().equals(type)).toList();
  }
}
