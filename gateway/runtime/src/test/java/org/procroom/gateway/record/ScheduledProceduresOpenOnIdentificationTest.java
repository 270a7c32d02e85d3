package org.procroom.gateway.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.ProcedureView;
import org.procroom.gateway.store.EventJson;
import org.procroom.simulators.ultrasound.MppsClient;
import org.procroom.simulators.ultrasound.UltrasoundSimulator;
import org.procroom.testkit.Await;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * Scheduled procedures are on the worklist and open when the patient is identified: by a wristband
 * scan, or by a worklist match (the modality starts the scheduled study).
 */
class ScheduledProceduresOpenOnIdentificationTest {
  private static final String PATIENT_A = "123456789000042425";
  private static final String PATIENT_B = "123456789000000029";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void wristbandAndWorklistMatchOpenTheScheduledProcedure() throws Exception {
    int dicomPort = FreePort.pick();
    int mppsPort = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.dicomStorage(dicomPort, mppsPort, ""));
      try (Gateway gateway = room.startGateway()) {
        String base = "http://127.0.0.1:" + gateway.httpPort();
        String a = post(base + "/api/schedule", "{\"patientRef\":\"" + PATIENT_A + "\",\"patientName\":\"Doe^Jane\","
            + "\"accessionNumber\":\"ACC-A\",\"scheduledAt\":\"2026-11-25T09:00:00Z\"}").path("id").asText();
        String b = post(base + "/api/schedule", "{\"patientRef\":\"" + PATIENT_B + "\",\"patientName\":\"Roe^Rick\","
            + "\"accessionNumber\":\"ACC-B\",\"scheduledAt\":\"2026-11-25T10:00:00Z\"}").path("id").asText();

        UltrasoundSimulator us = new UltrasoundSimulator("127.0.0.1", dicomPort, "PROCROOM", "US01", dir.resolve("us"),
            Duration.ZERO);
        assertEquals(2, us.worklist().size(), "both scheduled procedures are on the worklist");

        room.scanner.scan("]d28018" + PATIENT_A);
        Await.until(Duration.ofSeconds(10), () -> gateway.store().currentProcedure().isPresent(), () -> "not opened");
        assertEquals(a, gateway.store().currentProcedure().get().id(), "the procedure keeps the scheduled id");
        // The scan opens the procedure; the patient.identified it causes is committed right after.
        Await.until(Duration.ofSeconds(10), () -> gateway.store().currentProcedure().get().patientVerified(),
            () -> "the wristband did not confirm the patient");
        DeviceEvent opened = gateway.store().events(a).get().get(0);
        assertEquals("procedure.opened", opened.type());
        assertEquals("wristband", opened.payload().path("openedBy").path("how").asText());
        assertEquals(1, us.worklist().stream().filter(w -> w.patientId().equals(PATIENT_B)).count());

        gateway.records().close(a).toCompletableFuture().get();
        try (MppsClient modality = new MppsClient("127.0.0.1", mppsPort, "PROCROOM", "US01")) {
          assertEquals(0, modality.start(ProcedureView.studyInstanceUid(b) + ".9", ProcedureView.studyInstanceUid(b)));
        }
        Await.until(Duration.ofSeconds(10), () -> gateway.store().currentProcedure().isPresent(), () -> "not opened by MPPS");
        assertEquals(b, gateway.store().currentProcedure().get().id());
        JsonNode openedBy = gateway.store().events(b).get().get(0).payload().path("openedBy");
        assertEquals("worklist", openedBy.path("how").asText());
        assertTrue(gateway.store().events(null).get().stream().anyMatch(e -> e.type().equals("mpps.started")
            && e.eventId().equals(openedBy.path("eventId").asText())), "procedure.opened names the step that opened it");
        assertEquals(0, gateway.store().scheduled().size(), "nothing waits any more");
      }
    }
  }

  private JsonNode post(String url, String json) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return EventJson.parse(r.body());
  }
}
