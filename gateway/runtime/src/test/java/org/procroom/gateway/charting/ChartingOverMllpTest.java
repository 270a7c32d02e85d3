package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.message.MDM_T02;
import ca.uhn.hl7v2.model.v26.message.RAS_O17;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.store.QueuedDelivery;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * The gateway charts a procedure's vitals as PCD-01, an injection as RAS^O17 and the closed record's
 * report as MDM^T02 (the PDF in an ED OBX), to HAPI's own MLLP
 * receiver standing in for the interface engine: each message acknowledged AA is delivered once; one refused AE is parked with
 * the engine's text, raised on the alerts topic and in /health, never resent by itself, and an
 * operator's resend delivers it.
 */
class ChartingOverMllpTest {
  @TempDir Path dir;

  @Test
  void deliveredOnAaParkedOnAeAndResentByAnOperator() throws Exception {
    int mllp = FreePort.pick();
    AtomicBoolean refuse = new AtomicBoolean();
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    try (InterfaceEngine engine = InterfaceEngine.start((message, nth) -> refuse.get()
             ? message.generateACK(AcknowledgmentCode.AE, new HL7Exception("unknown patient in PID-3"))
             : message.generateACK());
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber alerts = new FeedSubscriber(broker.url(), "procroom/+/alerts/#");
         FeedSubscriber audit = new FeedSubscriber(broker.url(), "procroom/+/events/staff/charting.operator");
         Room room = new Room(dir, broker.url())) {
      engine.chartFrom(room, "3s");
      room.env().put("PROCROOM_CHARTING_HL7_RECEIVING_APPLICATION", "ENGINE");
      room.writeConfig(Room.pcd01(mllp, ""));
      try (Gateway gateway = room.startGateway()) {
        Patients.openFromWorklist(gateway);
        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
            Duration.ofMillis(300), Duration.ZERO)) {
          Await.until(Duration.ofSeconds(20), () -> engine.received().size() >= 2, () -> "engine got " + engine.received().size());
          ORU_R01 first = engine.received().stream().filter(ORU_R01.class::isInstance).map(ORU_R01.class::cast)
              .findFirst().orElseThrow();
          assertEquals("IHE_PCD_001", first.getMSH().getMessageProfileIdentifier(0).getEntityIdentifier().getValue());
          assertEquals("ENGINE", first.getMSH().getReceivingApplication().getNamespaceID().getValue());
          assertEquals("SIM-PATIENT", first.getPATIENT_RESULT().getPATIENT().getPID().getPatientIdentifierList(0)
              .getIDNumber().getValue());
          assertEquals("R", first.getPATIENT_RESULT().getORDER_OBSERVATION().getOBSERVATION(1).getOBX()
              .getObservationResultStatus().getValue());

          gateway.store().appendToRecord(gateway.store().currentProcedure().orElseThrow().id(),
              new org.procroom.gateway.store.EventSource("staff", "staff"), "staff.injection",
              json.readTree("{\"site\":\"left upper trapezius\",\"drugs\":[\"lidocaine 1%\"],\"volumeMl\":1.5,"
                  + "\"enteredBy\":\"dr-lee\"}"), gateway.clock().now()).get();
          Await.until(Duration.ofSeconds(20), () -> engine.received().stream().anyMatch(RAS_O17.class::isInstance),
              () -> "no RAS^O17 for the injection");
          RAS_O17 given = engine.received().stream().filter(RAS_O17.class::isInstance).map(RAS_O17.class::cast)
              .findFirst().orElseThrow();
          assertEquals("1.5", given.getORDER().getADMINISTRATION().getRXA().getAdministeredAmount().getValue());

          refuse.set(true);
          int before = engine.received().size();
          Await.until(Duration.ofSeconds(20), () -> !gateway.store().deliveries("hl7", QueuedDelivery.PARKED).join().isEmpty(),
              () -> "nothing parked; the engine got " + engine.received().size());
          refuse.set(false);
          QueuedDelivery parked = gateway.store().deliveries("hl7", QueuedDelivery.PARKED).join().get(0);
          assertTrue(parked.lastError().startsWith("AE") && parked.lastError().contains("unknown patient in PID-3"),
              parked.lastError());
          Await.until(Duration.ofSeconds(10), () -> alerts.all().stream()
              .anyMatch(m -> m.json().path("type").asText().equals("charting.parked")), () -> "no alert");
          JsonNode health = json.readTree(http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health")).build(),
              HttpResponse.BodyHandlers.ofString()).body());
          assertTrue(health.path("charting").path("hl7").path("parked").asLong() >= 1, health.toString());
          assertEquals("DEGRADED", health.path("status").asText(), "a parked message needs an operator");
          JsonNode page = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
              + gateway.httpPort() + "/api/dashboard/state")).build(), HttpResponse.BodyHandlers.ofString()).body());
          assertTrue(page.path("charting").path(0).path("parked").asLong() >= 1, "the dashboard says so: " + page.path("charting"));

          String resend = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort()
                  + "/api/charting/" + parked.seq() + "/resend"))
              .POST(HttpRequest.BodyPublishers.ofString("{\"enteredBy\":\"rn-kim\"}")).build(),
              HttpResponse.BodyHandlers.ofString()).body();
          assertTrue(resend.contains("\"state\":\"pending\""), resend);
          Await.until(Duration.ofSeconds(10), () -> !audit.all().isEmpty(), () -> "no audit entry of the resend");
          JsonNode entry = audit.all().get(0).json();
          assertEquals("resend", entry.path("payload").path("action").asText());
          assertEquals("rn-kim", entry.path("payload").path("enteredBy").asText());
          assertEquals(parked.key(), entry.path("payload").path("messageKey").asText());
          assertEquals(java.util.Set.of(), new FeedSchemas().validateEvent(entry), entry.toString());
          Await.until(Duration.ofSeconds(20), () -> engine.controlIds().stream().filter(parked.key()::equals).count() == 2,
              () -> "the parked message was not sent again: " + engine.controlIds());
          assertTrue(engine.received().size() > before, "later messages went on");
        }
        Await.until(Duration.ofSeconds(10), () -> gateway.store().deliveryCounts("hl7").join().get("pending") == 0,
            () -> "still pending: " + gateway.store().deliveryCounts("hl7").join());
        List<String> ids = engine.controlIds();
        assertEquals(ids.size() - 1, ids.stream().distinct().count(),
            "every message once, but the one refused and resent: " + ids);
        assertEquals(gateway.store().deliveryCounts("hl7").join().get("delivered"), (long) ids.stream().distinct().count());

        // On close, the report as printed: an MDM^T02 whose ED OBX carries the PDF.
        gateway.records().close(gateway.store().currentProcedure().orElseThrow().id()).toCompletableFuture().get();
        Await.until(Duration.ofSeconds(30), () -> engine.received().stream().anyMatch(MDM_T02.class::isInstance),
            () -> "no MDM^T02 on close");
        MDM_T02 report = engine.received().stream().filter(MDM_T02.class::isInstance).map(MDM_T02.class::cast)
            .findFirst().orElseThrow();
        assertEquals("PN", report.getTXA().getDocumentType().getValue());
        assertEquals("SIM-PATIENT", report.getPID().getPatientIdentifierList(0).getIDNumber().getValue());
        ca.uhn.hl7v2.model.v26.datatype.ED pdf = (ca.uhn.hl7v2.model.v26.datatype.ED) report.getOBSERVATION().getOBX()
            .getObservationValue(0).getData();
        assertEquals(List.of("PDF", "Base64"), List.of(pdf.getDataSubtype().getValue(), pdf.getEncoding().getValue()));
        assertEquals("%PDF", new String(java.util.Base64.getDecoder().decode(pdf.getData().getValue()), 0, 4,
            java.nio.charset.StandardCharsets.US_ASCII));
      }
    }
  }
}
