package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.simulators.vitals.IntellivueSimulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.MosquittoBroker;

/**
 * On close, the record's waveform windows go to the interface engine (HAPI's MLLP receiver) as
 * PCD-01 waveform messages: the IntelliVue simulator's ECG around an injection, an NA row of its
 * samples with their rate and resolution, for the identified patient.
 */
class WaveformWindowsToTheEngineTest {
  @TempDir Path dir;

  @Test
  void theInjectionsEcgReachesTheEngineAsWaveformRows() throws Exception {
    try (InterfaceEngine engine = InterfaceEngine.start(InterfaceEngine.ACCEPT_ALL);
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         IntellivueSimulator monitor = IntellivueSimulator.lan(0, PhysiologyScript.calm(), Duration.ZERO, ZoneId.systemDefault())) {
      engine.chartFrom(room, "3s");
      room.writeConfig(Room.intellivue(monitor.port(), ""));
      try (Gateway gateway = room.startGateway()) {
        String id = Patients.openFromWorklist(gateway).id();
        Thread.sleep(4000);
        Instant injected = gateway.clock().now();
        gateway.store().appendToRecord(id, new org.procroom.gateway.store.EventSource("staff", "staff"),
            "staff.injection", new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"site\":\"left upper"
                + " trapezius\",\"drugs\":[\"lidocaine 1%\"],\"volumeMl\":1,\"enteredBy\":\"dr-lee\"}"), injected).get();
        Thread.sleep(2000);
        gateway.records().close(id).toCompletableFuture().get();

        Await.until(Duration.ofSeconds(30), () -> waveforms(engine).size() >= 3, () -> "messages: " + engine.controlIds());
        ORU_R01 ecg = waveforms(engine).stream().filter(m -> wave(m).getObservationIdentifier().getIdentifier().getValue()
            .equals("131330")).findFirst().orElseThrow();
        assertEquals("SIM-PATIENT", ecg.getPATIENT_RESULT().getPATIENT().getPID().getPatientIdentifierList(0).getIDNumber()
            .getValue());
        OBX na = wave(ecg);
        assertEquals("NA", na.getValueType().getValue());
        int samples = na.getObservationValue(0).encode().split("\\^").length;
        assertTrue(samples > 2500, "seconds of ECG at 500 Hz: " + samples);
        OBX rate = ecg.getPATIENT_RESULT().getORDER_OBSERVATION().getOBSERVATION(2).getOBX();
        assertEquals("500", rate.getObservationValue(0).encode());
      }
    }
  }

  private static List<ORU_R01> waveforms(InterfaceEngine engine) {
    return engine.received().stream().filter(ORU_R01.class::isInstance).map(ORU_R01.class::cast)
        .filter(m -> m.getPATIENT_RESULT().getORDER_OBSERVATION().getOBR().getUniversalServiceIdentifier().getIdentifier()
            .getValue().equals("69121")).toList();
  }

  private static OBX wave(ORU_R01 m) {
    return m.getPATIENT_RESULT().getORDER_OBSERVATION().getOBSERVATION(1).getOBX();
  }
}
