package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * A record opened for a patient typed in by staff is not charted until the patient's wristband is
 * scanned: the monitor's values before it are in the record but never reach HAPI's MLLP receiver;
 * from the scan on they do. The association's start and end are in the record.
 */
class NothingChartedOutsideAnAssociationTest {
  private static final String PATIENT = "123456789000042425";
  @TempDir Path dir;

  private static long vitals(Gateway gateway, String procedureId) {
    return gateway.store().events(procedureId).join().stream().filter(e -> e.type().equals("vitals.observation")).count();
  }

  @Test
  void chartedFromTheWristbandOn() throws Exception {
    int mllp = FreePort.pick();
    try (InterfaceEngine engine = InterfaceEngine.start(InterfaceEngine.ACCEPT_ALL);
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      engine.chartFrom(room, "3s");
      room.writeConfig(Room.pcd01(mllp, ""));
      try (Gateway gateway = room.startGateway();
           Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
               Duration.ofMillis(300), Duration.ZERO)) {
        Procedure typedIn = gateway.store().openProcedure("TPI", PATIENT, gateway.clock().now()).get();
        Await.until(Duration.ofSeconds(20), () -> vitals(gateway, typedIn.id()) >= 4, () -> "no vitals in the record");
        Thread.sleep(1000);
        assertEquals(0, engine.received().size(), "values of a patient not identified are not charted");
        assertEquals(null, gateway.store().currentProcedure().orElseThrow().associatedAt());

        room.scanner.scan("]d28018" + PATIENT);
        Await.until(Duration.ofSeconds(20), () -> gateway.store().currentProcedure().orElseThrow().associatedAt() != null,
            () -> "the wristband did not associate the room with the patient");
        Instant from = gateway.store().currentProcedure().orElseThrow().associatedAt();
        Await.until(Duration.ofSeconds(20), () -> !engine.received().isEmpty(), () -> "nothing charted after the wristband");
        for (Message m : engine.received()) {
          String observed = ((ORU_R01) m).getPATIENT_RESULT().getORDER_OBSERVATION().getOBR().getObservationDateTime()
              .getValue();
          assertTrue(gateway.store().events(typedIn.id()).join().stream()
              .filter(e -> e.eventId().equals(InterfaceEngine.controlId(m)))
              .allMatch(e -> !e.receivedAt().isBefore(from)), "charted only from the association on: " + observed);
        }
        gateway.records().close(typedIn.id()).toCompletableFuture().get();
        List<DeviceEvent> associations = gateway.store().events(typedIn.id()).join().stream()
            .filter(e -> e.type().equals("patient.association")).toList();
        assertEquals(List.of("started", "ended"), associations.stream().map(e -> e.payload().path("state").asText()).toList());
        assertEquals("wristband", associations.get(0).payload().path("how").asText());
        FeedSchemas schemas = new FeedSchemas();
        for (DeviceEvent e : associations) {
          assertEquals(java.util.Set.of(), schemas.validateEvent(EventJson.toTree(e)), e.toString());
        }
      }
    }
  }
}
