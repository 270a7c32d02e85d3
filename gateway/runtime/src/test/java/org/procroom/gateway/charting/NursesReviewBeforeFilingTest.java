package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;
import org.procroom.gateway.store.QueuedDelivery;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * {@code charting.review: gateway}: the charted vitals wait on the gateway; a nurse marks one value
 * as an artefact and releases the rest, which reach HAPI's MLLP receiver as validated results
 * (OBX-11 F) without the artefact; both acts are in the record; values still waiting when the
 * record closes are not filed, and the record and the alerts topic say so. The record's FHIR bundle
 * to a HAPI FHIR server holds the same released values, final, and no other.
 */
class NursesReviewBeforeFilingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  private HttpResponse<String> call(Gateway gateway, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path));
    return http.send(body == null ? b.build() : b.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode flowsheet(Gateway gateway, String procedureId) throws Exception {
    return JSON.readTree(call(gateway, "/api/procedures/" + procedureId + "/flowsheet", null).body());
  }

  private static String encode(Message m) {
    try {
      return m.encode();
    } catch (ca.uhn.hl7v2.HL7Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<OBX> metrics(ORU_R01 oru) throws Exception {
    List<OBX> out = new ArrayList<>();
    var order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
    for (int i = 1; i < order.getOBSERVATIONReps(); i++) {
      out.add(order.getOBSERVATION(i).getOBX());
    }
    return out;
  }

  @Test
  void heldUntilReleasedWithoutTheArtefactAndNeverFiledUnreleased() throws Exception {
    int mllp = FreePort.pick();
    try (InterfaceEngine engine = InterfaceEngine.start(InterfaceEngine.ACCEPT_ALL);
         FhirServer fhir = FhirServer.withToken("t").knowing("urn:procroom:patient", "SIM-PATIENT");
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber alerts = new FeedSubscriber(broker.url(), "procroom/+/alerts/#");
         Room room = new Room(dir, broker.url())) {
      engine.chartFrom(room, "3s");
      room.env().put("PROCROOM_CHARTING_REVIEW", "gateway");
      room.env().put("PROCROOM_CHARTING_FHIR_URL", fhir.base());
      room.env().put("PROCROOM_CHARTING_FHIR_AUTH_BEARER_TOKEN_FILE",
          java.nio.file.Files.writeString(dir.resolve("token"), "t").toString());
      room.writeConfig(Room.pcd01(mllp, ""));
      try (Gateway gateway = room.startGateway()) {
        Procedure p = Patients.openFromWorklist(gateway);
        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
            Duration.ofMillis(300), Duration.ZERO)) {
          Await.until(Duration.ofSeconds(20), () -> gateway.store().deliveryCounts("hl7").join().get("held") >= 3,
              () -> "held: " + gateway.store().deliveryCounts("hl7").join());
        }
        JsonNode sheet = flowsheet(gateway, p.id());
        JsonNode row = sheet.path("rows").path(0);
        JsonNode cell = row.path("cells").path(0);
        assertEquals("held", cell.path("state").asText(), sheet.toString());
        assertTrue(sheet.path("heldValues").asLong() >= 3, sheet.toString());
        // Held is not sent: the queue's sender has had every commit's wake-up by now.
        Thread.sleep(1500);
        assertEquals(0, engine.received().size(), "nothing unreleased is filed");

        String artefact = "{\"eventId\":\"" + cell.path("eventId").asText() + "\",\"code\":\"" + row.path("code").asText()
            + "\",\"reason\":\"electrode off\",\"enteredBy\":\"rn-kim\"}";
        assertEquals(201, call(gateway, "/api/procedures/" + p.id() + "/flowsheet/artefacts", artefact).statusCode());
        assertEquals(400, call(gateway, "/api/procedures/" + p.id() + "/flowsheet/artefacts", artefact
            .replace(row.path("code").asText(), "MDC_NOT_CHARTED")).statusCode(), "a value that is not charted");
        JsonNode marked = flowsheet(gateway, p.id()).path("rows").path(0).path("cells").path(0);
        assertEquals("electrode off", marked.path("artefact").path("reason").asText(), marked.toString());

        // A second value marked by mistake and the mark taken back: it is filed after all.
        JsonNode other = sheet.path("rows").path(1);
        JsonNode otherCell = other.path("cells").path(0);
        String mistaken = "{\"eventId\":\"" + otherCell.path("eventId").asText() + "\",\"code\":\""
            + other.path("code").asText() + "\",\"reason\":\"%s\",\"enteredBy\":\"rn-kim\"%s}";
        assertEquals(201, call(gateway, "/api/procedures/" + p.id() + "/flowsheet/artefacts",
            mistaken.formatted("looked wrong", "")).statusCode());
        assertEquals(201, call(gateway, "/api/procedures/" + p.id() + "/flowsheet/artefacts",
            mistaken.formatted("it was right", ",\"withdraw\":true")).statusCode());

        // The release names the messages the nurse saw: one held message left out stays held.
        List<String> shown = new ArrayList<>();
        flowsheet(gateway, p.id()).path("rows").forEach(r -> r.path("cells").forEach(c -> {
          if (c.path("state").asText().equals("held") && !shown.contains(c.path("eventId").asText())) {
            shown.add(c.path("eventId").asText());
          }
        }));
        shown.remove(otherCell.path("eventId").asText());
        shown.remove(cell.path("eventId").asText());
        String notShown = shown.remove(shown.size() - 1);
        for (String kept : List.of(otherCell.path("eventId").asText(), cell.path("eventId").asText())) {
          if (!shown.contains(kept)) {
            shown.add(kept);
          }
        }
        String ids = String.join("\",\"", shown);
        HttpResponse<String> release = call(gateway, "/api/procedures/" + p.id() + "/flowsheet/release",
            "{\"enteredBy\":\"rn-kim\",\"eventIds\":[\"" + ids + "\"]}");
        assertEquals(201, release.statusCode(), release.body());
        JsonNode released = JSON.readTree(release.body()).path("payload");
        assertEquals(shown.size(), released.path("messages").asLong() + released.path("withheld").asLong());
        assertEquals(1, released.path("artefacts").size(), "the mark taken back is not applied: " + released);
        assertEquals(QueuedDelivery.HELD, gateway.store().deliveriesOf("hl7", p.id()).join().stream()
            .filter(d -> d.key().equals(notShown)).findFirst().orElseThrow().state(), "not shown, not released");
        Await.until(Duration.ofSeconds(20), () -> engine.received().size() == released.path("messages").asInt(),
            () -> "engine got " + engine.received().size() + " of " + released);
        for (Message m : engine.received()) {
          ORU_R01 oru = (ORU_R01) m;
          for (OBX obx : metrics(oru)) {
            assertEquals("F", obx.getObservationResultStatus().getValue(), "validated by the nurse");
            boolean isArtefact = InterfaceEngine.controlId(m).equals(cell.path("eventId").asText())
                && obx.getObservationIdentifier().getText().getValue().equals(row.path("code").asText());
            assertTrue(!isArtefact, "the artefact is not filed");
          }
        }
        Message otherMessage = engine.received().stream()
            .filter(m -> InterfaceEngine.controlId(m).equals(otherCell.path("eventId").asText())).findFirst()
            .orElseThrow(() -> new AssertionError("the message of the value whose mark was taken back was not filed"));
        assertTrue(encode(otherMessage).contains("^" + other.path("code").asText() + "^MDC"),
            "the value whose mark was taken back is filed");
        assertEquals(409, call(gateway, "/api/procedures/" + p.id() + "/flowsheet/artefacts", artefact).statusCode(),
            "a released value can no longer be marked");

        // Values charted after the release and never released: given up at the close, and said so.
        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
            Duration.ofMillis(300), Duration.ZERO)) {
          Await.until(Duration.ofSeconds(20), () -> gateway.store().deliveryCounts("hl7").join().get("held") >= 1,
              () -> "held: " + gateway.store().deliveryCounts("hl7").join());
        }
        gateway.records().close(p.id()).toCompletableFuture().get();
        assertEquals(0L, gateway.store().deliveryCounts("hl7").join().get("held"));
        assertTrue(gateway.store().deliveries("hl7", QueuedDelivery.DROPPED).join().stream()
            .allMatch(d -> d.lastError().equals("not released before the record was closed")));
        List<DeviceEvent> record = gateway.store().events(p.id()).join();
        FeedSchemas schemas = new FeedSchemas();
        for (String type : List.of("charting.artefact", "charting.released", "charting.unreleased")) {
          DeviceEvent entry = record.stream().filter(e -> e.type().equals(type)).findFirst()
              .orElseThrow(() -> new AssertionError("no " + type + " in the record"));
          assertEquals(java.util.Set.of(), schemas.validateEvent(EventJson.toTree(entry)), type);
        }
        Await.until(Duration.ofSeconds(10), () -> alerts.all().stream()
            .anyMatch(m -> m.json().path("type").asText().equals("charting.unreleased")), () -> "no alert");
        // The close sends the report as printed (MDM^T02) beside the values; of these only the released ones went.
        Await.until(Duration.ofSeconds(30), () -> engine.received().stream()
            .anyMatch(ca.uhn.hl7v2.model.v26.message.MDM_T02.class::isInstance), () -> "no report on close");
        Thread.sleep(500);
        assertEquals(released.path("messages").asInt(), engine.received().stream()
            .filter(ca.uhn.hl7v2.model.v26.message.ORU_R01.class::isInstance).count(), "nothing unreleased was filed");

        // The FHIR server gets the same: only the values released, validated, without the artefact.
        Await.until(Duration.ofSeconds(30), () -> gateway.store().deliveryCounts("fhir").join().get("delivered") == 1,
            () -> "fhir: " + gateway.store().deliveryCounts("fhir").join());
        java.util.Set<String> filedHl7 = new java.util.HashSet<>();
        engine.received().forEach(m -> filedHl7.add(InterfaceEngine.controlId(m)));
        List<org.hl7.fhir.r4.model.Observation> vitals = fhir.transactions().get(0).getEntry().stream()
            .map(org.hl7.fhir.r4.model.Bundle.BundleEntryComponent::getResource)
            .filter(org.hl7.fhir.r4.model.Observation.class::isInstance).map(org.hl7.fhir.r4.model.Observation.class::cast)
            .filter(o -> o.getCategoryFirstRep().getCodingFirstRep().getCode().equals("vital-signs")).toList();
        assertTrue(!vitals.isEmpty());
        for (org.hl7.fhir.r4.model.Observation o : vitals) {
          String eventId = o.getIdentifierFirstRep().getValue().replaceAll("/.*$", "");
          assertEquals(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL, o.getStatus(), "validated by the nurse");
          assertTrue(filedHl7.contains(eventId), "a value released to the engine, not one held or dropped: " + eventId);
          // Its codings, the BP panel's components' too: an artefact may be a cuff value inside the panel.
          List<org.hl7.fhir.r4.model.Coding> codings = new ArrayList<>(o.getCode().getCoding());
          o.getComponent().forEach(c -> codings.addAll(c.getCode().getCoding()));
          assertTrue(!(eventId.equals(cell.path("eventId").asText()) && codings.stream()
              .anyMatch(c -> c.getDisplay() != null && c.getDisplay().equals(row.path("code").asText()))),
              "the artefact is not in the bundle");
        }
      }
    }
  }
}
