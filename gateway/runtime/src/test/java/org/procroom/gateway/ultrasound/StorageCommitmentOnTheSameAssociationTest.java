package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.simulators.ultrasound.CommitmentClient;
import org.procroom.testkit.Await;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * A modality that waits on its association for the storage commitment result gets it there; no
 * address for it is configured, so a report on a new association could not have reached it.
 */
class StorageCommitmentOnTheSameAssociationTest {
  private static final String US_IMAGE = "1.2.840.10008.5.1.4.1.1.6.1";
  private static final String PATIENT = "123456789000042425";

  @TempDir Path dir;

  @Test
  void storedCommittedMissingAndQuarantinedNot() throws Exception {
    int port = FreePort.pick();
    String stored = "1.2.826.0.1.3680043.10.1.10.1";
    String otherPatients = "1.2.826.0.1.3680043.10.1.10.2";
    String missing = "1.2.826.0.1.3680043.10.1.10.3";
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.dicomStorage(port, FreePort.pick(), ""));
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", PATIENT, "Doe^Jane", "ACC-7", gateway.clock().now()).get();
        for (Path file : List.of(Dcmtk.ultrasound(dir, "stored", stored, PATIENT, 1, 1),
            Dcmtk.ultrasound(dir, "other", otherPatients, "OTHER-PATIENT-9", 1, 2))) {
          assertEquals(0, Dcmtk.run(dir, "storescu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
              String.valueOf(port), file.toString()).exit());
        }
        CommitmentClient.Report report;
        try (CommitmentClient modality = new CommitmentClient("127.0.0.1", port, "PROCROOM", "US01")) {
          assertEquals(0x0000, modality.request("2.25.1001", List.of(new String[] {US_IMAGE, stored},
              new String[] {US_IMAGE, otherPatients}, new String[] {US_IMAGE, missing})));
          report = modality.awaitReport();
        }
        assertEquals(2, report.eventTypeId(), "failures exist");
        assertEquals("2.25.1001", report.transactionUid());
        assertEquals(List.of(stored), report.committed());
        assertEquals(Map.of(otherPatients, 0x0110, missing, 0x0112), report.failed());

        Await.until(Duration.ofSeconds(5), () -> !events(gateway).isEmpty(), () -> "recorded");
        JsonNode p = events(gateway).get(0).payload();
        assertEquals("same association", p.path("reportedOn").asText());
        assertEquals("held in quarantine: the object's patient is not the open procedure's patient",
            p.path("failed").get(0).path("why").asText());
      }
    }
  }

  private static List<DeviceEvent> events(Gateway gateway) {
    return gateway.store().events(null).join().stream().filter(e -> e.type().equals("dicom.commitment")).toList();
  }
}
