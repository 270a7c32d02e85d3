package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.model.Message;
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
 * from the scan on they do; another patient's wristband suspends it until hers is scanned again.
 * The association's starts and ends are in the record.
 */
class NothingChartedOutsideAnAssociationTest {
  private static final String PATIENT = "123456789000042425";
  private static final String OTHER_PATIENT = "123456789000077779";
  @TempDir Path dir;

  /** The one event of the record a charted message was built from (its MSH-10). */
  private static DeviceEvent event(Gateway gateway, String procedureId, String eventId) {
    List<DeviceEvent> found = gateway.store().events(procedureId).join().stream()
        .filter(e -> e.eventId().equals(eventId)).toList();
    assertEquals(1, found.size(), "the record has the event of message " + eventId);
    return found.get(0);
  }

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
        for (Message m : List.copyOf(engine.received())) {
          DeviceEvent charted = event(gateway, typedIn.id(), InterfaceEngine.controlId(m));
          assertTrue(!charted.receivedAt().isBefore(from), "charted only from the association on: " + charted);
        }

        // Another patient's wristband in the room: nothing is charted until hers is scanned again.
        room.scanner.scan("]d28018" + OTHER_PATIENT);
        Await.until(Duration.ofSeconds(20), () -> gateway.store().currentProcedure().orElseThrow().associatedAt() == null,
            () -> "another patient's wristband left the association in place");
        Thread.sleep(1500);
        room.scanner.scan("]d28018" + PATIENT);
        Await.until(Duration.ofSeconds(20), () -> gateway.store().currentProcedure().orElseThrow().associatedAt() != null,
            () -> "her wristband again did not resume the association");
        int before = engine.received().size();
        Await.until(Duration.ofSeconds(20), () -> engine.received().size() > before, () -> "nothing charted after resuming");

        gateway.records().close(typedIn.id()).toCompletableFuture().get();
        List<DeviceEvent> associations = gateway.store().events(typedIn.id()).join().stream()
            .filter(e -> e.type().equals("patient.association")).toList();
        assertEquals(List.of("started wristband", "ended another-patient", "started wristband", "ended closed"),
            associations.stream().map(e -> e.payload().path("state").asText() + " " + e.payload().path("how").asText())
                .toList());
        Instant suspended = associations.get(1).receivedAt();
        Instant resumed = associations.get(2).receivedAt();
        for (Message m : List.copyOf(engine.received())) {
          Instant at = event(gateway, typedIn.id(), InterfaceEngine.controlId(m)).receivedAt();
          assertTrue(at.isBefore(suspended) || !at.isBefore(resumed),
              "nothing charted between the other patient's wristband (" + suspended + ") and hers (" + resumed + "): " + at);
        }
        FeedSchemas schemas = new FeedSchemas();
        for (DeviceEvent e : associations) {
          assertEquals(java.util.Set.of(), schemas.validateEvent(EventJson.toTree(e)), e.toString());
        }
      }
    }
  }
}
