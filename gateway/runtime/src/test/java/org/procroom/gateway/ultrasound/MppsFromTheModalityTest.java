package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.simulators.ultrasound.MppsClient;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/** The ultrasound reports guidance started and completed; a change after completion is refused (0110H). */
class MppsFromTheModalityTest {
  @TempDir Path dir;

  @Test
  void guidanceStartedCompletedAndThenFinal() throws Exception {
    int port = FreePort.pick();
    int mppsPort = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.dicomStorage(port, mppsPort, ""));
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", "PAT-1", "Doe^Jane", "ACC-1", gateway.clock().now()).get();
        String step = "1.2.826.0.1.3680043.10.99.7.1";
        try (MppsClient modality = new MppsClient("127.0.0.1", mppsPort, "PROCROOM", "US01")) {
          assertEquals(0x0000, modality.start(step, "1.2.826.0.1.3680043.10.99.7"));
          assertEquals(0x0000, modality.finish(step, "COMPLETED", "1.2.826.0.1.3680043.10.99.7.2"));
          assertEquals(0x0110, modality.finish(step, "DISCONTINUED", "1.2.826.0.1.3680043.10.99.7.2"),
              "no change after a final state");
        }
        List<DeviceEvent> events = gateway.store().events(null).join().stream()
            .filter(e -> e.type().startsWith("mpps.")).toList();
        assertEquals(List.of("mpps.started", "mpps.completed", "mpps.refused"),
            events.stream().map(DeviceEvent::type).toList());
        JsonNode started = events.get(0).payload();
        assertEquals(step, started.path("sopInstanceUid").asText());
        assertEquals("1.2.826.0.1.3680043.10.99.7", started.path("studyInstanceUid").asText());
        assertEquals(1, events.get(1).payload().path("performedSeries").asInt());
        assertEquals("performed procedure step is already COMPLETED", events.get(2).payload().path("reason").asText());
      }
    }
  }

  @Test
  void aStepStartedBeforeAGatewayRestartCanBeCompletedAfterIt() throws Exception {
    int port = FreePort.pick();
    int mppsPort = FreePort.pick();
    String step = "1.2.826.0.1.3680043.10.99.8.1";
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.dicomStorage(port, mppsPort, ""));
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", "PAT-1", "Doe^Jane", "ACC-1", gateway.clock().now()).get();
        try (MppsClient modality = new MppsClient("127.0.0.1", mppsPort, "PROCROOM", "US01")) {
          assertEquals(0x0000, modality.start(step, "1.2.826.0.1.3680043.10.99.8"));
        }
      }
      try (Gateway restarted = room.startGateway()) {
        try (MppsClient modality = new MppsClient("127.0.0.1", mppsPort, "PROCROOM", "US01")) {
          assertEquals(0x0111, modality.start(step, "1.2.826.0.1.3680043.10.99.8"), "the step exists already");
          assertEquals(0x0000, modality.finish(step, "COMPLETED", "1.2.826.0.1.3680043.10.99.8.2"));
        }
        assertEquals(List.of("mpps.started", "mpps.refused", "mpps.completed"), restarted.store().events(null).join()
            .stream().map(DeviceEvent::type).filter(t -> t.startsWith("mpps.")).toList());
      }
    }
  }
}
