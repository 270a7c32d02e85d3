package org.procroom.gateway.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.store.EventJson;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.MosquittoBroker;

/**
 * A procedure through its phases from device events and staff entries, with an out-of-order
 * warning and an amendment; then the record read back by the CLI while the gateway is stopped.
 */
class ProcedureRecordTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void phasesEntriesAmendmentsAndTheReport() throws Exception {
    String procedure;
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         org.procroom.testkit.FeedSubscriber records = new org.procroom.testkit.FeedSubscriber(broker.url(),
             "procroom/+/records/#");
         Room room = new Room(dir, broker.url());
         Gateway gateway = room.startGateway()) {
      String base = "http://127.0.0.1:" + gateway.httpPort();
      procedure = post(base + "/api/procedures", "{\"patientRef\":\"123456789000042425\",\"patientName\":\"Doe^Jane\"}", 201)
          .path("id").asText();
      String entries = base + "/api/procedures/" + procedure + "/entries";
      JsonNode pain = post(entries, "{\"type\":\"pain-score\",\"score\":7,\"timing\":\"before\",\"enteredBy\":\"dr-a\"}", 201);
      post(entries, "{\"type\":\"trigger-point\",\"muscle\":\"upper trapezius\",\"side\":\"left\",\"enteredBy\":\"dr-a\"}", 201);
      assertEquals("score: a whole number from 0 to 10 (NRS) is required",
          post(entries, "{\"type\":\"pain-score\",\"score\":11,\"timing\":\"before\",\"enteredBy\":\"dr-a\"}", 400)
              .path("error").asText());
      assertEquals("enteredBy: required",
          post(entries, "{\"type\":\"guidance-mode\",\"mode\":\"ultrasound\"}", 400).path("error").asText());

      room.scanner.scan("]d28018123456789000042425");
      room.scanner.scan("]d2" + "0100354570293011" + "17271231" + "10CH1");                  // antiseptic
      String open = procedure;
      Await.until(java.time.Duration.ofSeconds(10), () -> gateway.store().events(open).join().stream()
          .filter(e -> e.type().equals("barcode.scan")).count() == 2, () -> "scans not recorded");
      post(entries, "{\"type\":\"injection\",\"site\":\"left upper trapezius\",\"drugs\":[\"lidocaine 1%\"],"
          + "\"volumeMl\":2,\"enteredBy\":\"dr-a\"}", 201);                                      // before any anaesthetic scan
      post(entries, "{\"type\":\"phase\",\"phase\":\"recovery\",\"enteredBy\":\"rn-b\"}", 201);
      post(entries, "{\"type\":\"pain-score\",\"score\":2,\"timing\":\"after\",\"enteredBy\":\"rn-b\"}", 201);
      post(base + "/api/procedures/" + procedure + "/amendments", "{\"corrects\":\"" + pain.path("eventId").asText()
          + "\",\"reason\":\"patient meant 6\",\"enteredBy\":\"dr-a\",\"correction\":{\"score\":6}}", 201);
      assertEquals(409, http.send(request(base + "/api/procedures/" + procedure + "/amendments",
          "{\"corrects\":\"no-such-event\",\"reason\":\"x\",\"enteredBy\":\"dr-a\"}"), HttpResponse.BodyHandlers.ofString())
          .statusCode(), "an amendment must name an event of this record");
      post(base + "/api/procedures/" + procedure + "/close", "{}", 200);
      Await.until(java.time.Duration.ofSeconds(15), () -> records.all().size() == 1, () -> "no FHIR bundle on close");
      assertEquals("procroom/room-7/records/" + procedure + "/fhir", records.all().get(0).topic());
      org.hl7.fhir.r4.model.Bundle bundle = FhirBundle.context().newJsonParser().parseResource(
          org.hl7.fhir.r4.model.Bundle.class, records.all().get(0).json().toString());
      assertEquals(List.of("Procedure", "Observation", "MedicationAdministration", "Observation", "DocumentReference"),
          bundle.getEntry().stream().map(e -> e.getResource().fhirType()).toList(),
          "pain before, the injection, pain after, in record order; then the report as printed");
      Await.until(java.time.Duration.ofSeconds(5), () -> gateway.store().outboxDepth().join() == 0, () -> "published");

      List<DeviceEvent> record = gateway.store().events(procedure).get();
      List<String> phases = record.stream().filter(e -> e.type().equals("procedure.phase"))
          .map(e -> e.payload().path("previous").asText() + ">" + e.payload().path("phase").asText()).toList();
      assertEquals(List.of("assessment>preparation", "preparation>injection", "injection>recovery"), phases);
      DeviceEvent injection = record.stream().filter(e -> e.type().equals("staff.injection")).findFirst().orElseThrow();
      DeviceEvent warning = record.stream().filter(e -> e.type().equals("procedure.warning")).findFirst().orElseThrow();
      assertEquals("injection recorded before any local anaesthetic was scanned", warning.payload().path("message").asText());
      assertEquals(injection.recordSeq() + 1, warning.recordSeq(), "the warning follows its cause in the record");
      FeedSchemas schemas = new FeedSchemas();
      for (DeviceEvent e : record) {
        JsonNode tree = EventJson.toTree(e);
        assertTrue(schemas.validateEvent(tree).isEmpty(), () -> e.type() + ": " + schemas.validateEvent(tree));
      }
    }

    String json = cli("record", "export", "--latest", "--format", "json", "--data-dir", dir.resolve("data").toString());
    JsonNode exported = EventJson.parse(json);
    assertEquals(procedure, exported.path("procedure").path("id").asText());
    assertEquals("CLOSED", exported.path("procedure").path("state").asText());
    assertEquals("recovery", exported.path("procedure").path("phase").asText());
    String html = cli("record", "export", procedure, "--format", "html", "--data-dir", dir.resolve("data").toString());
    assertTrue(html.contains("Trigger point injection") && html.contains("Chlorhexidine") && html.contains("pain before the procedure: 7/10")
        && html.contains("patient meant 6"), html);
    assertTrue(cli("record", "export", procedure, "--format", "pdf", "--paper", "letter", "--data-dir",
        dir.resolve("data").toString()).startsWith("%PDF-"), "the report as PDF");
    String show = cli("record", "show", "--latest", "--data-dir", dir.resolve("data").toString());
    assertTrue(show.contains("phase injection -> recovery (marked by rn-b)"), show);
    assertTrue(show.contains("by dr-a: patient meant 6"), show);
  }

  private String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = org.procroom.gateway.cli.CliAccess.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  private HttpRequest request(String url, String json) {
    return HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  private JsonNode post(String url, String json, int expected) throws Exception {
    HttpResponse<String> r = http.send(request(url, json), HttpResponse.BodyHandlers.ofString());
    assertEquals(expected, r.statusCode(), r.body());
    return EventJson.parse(r.body());
  }
}
