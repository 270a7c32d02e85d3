package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.store.EventSource;
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
 * A closed record goes to a FHIR server built from HAPI FHIR's server framework, which validates
 * every request against the R4 base and the vital-signs profiles: the bundle is valid (else the
 * server refuses it and the test fails), filed once even when an answer is lost, refused bundles
 * are parked with the server's OperationOutcome, and the gateway signs in with a bearer token or
 * OAuth2 client credentials.
 */
class ChartingToFhirServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** A short procedure with vitals from a PCD-01 monitor, a pain score and an injection, closed. */
  private static Procedure chartAProcedure(Gateway gateway, int mllp) throws Exception {
    Procedure p = Patients.openFromWorklist(gateway);
    try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
        Duration.ofMillis(200), Duration.ZERO)) {
      Await.until(Duration.ofSeconds(20), () -> gateway.store().events(p.id()).join().stream()
          .filter(e -> e.type().equals("vitals.observation")).count() >= 3, () -> "no vitals in the record");
    }
    EventSource staff = new EventSource("staff", "staff");
    gateway.store().appendToRecord(p.id(), staff, "staff.pain-score",
        JSON.readTree("{\"score\":6,\"timing\":\"before\",\"enteredBy\":\"rn-kim\"}"), gateway.clock().now()).get();
    gateway.store().appendToRecord(p.id(), staff, "staff.injection", JSON.readTree("{\"site\":\"left upper trapezius\","
        + "\"drugs\":[\"lidocaine 1%\"],\"volumeMl\":1.5,\"enteredBy\":\"dr-lee\"}"), gateway.clock().now()).get();
    return gateway.records().close(p.id()).toCompletableFuture().get();
  }

  private static JsonNode health(Gateway gateway) {
    try {
      return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(Gateway gateway, String state, long count) {
    Await.until(Duration.ofSeconds(30), () -> gateway.store().deliveryCounts("fhir").join().get(state) >= count,
        () -> "fhir queue: " + gateway.store().deliveryCounts("fhir").join());
  }

  @Test
  void theClosedRecordIsFiledValidWithAnOAuth2Token() throws Exception {
    int mllp = FreePort.pick();
    Path secret = Files.writeString(dir.resolve("client-secret"), FhirServer.CLIENT_SECRET + "\n");
    try (FhirServer server = FhirServer.withOAuth2().knowing("urn:procroom:patient", "SIM-PATIENT");
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.env().put("PROCROOM_CHARTING_FHIR_URL", server.base());
      room.env().put("PROCROOM_CHARTING_FHIR_AUTH_OAUTH2_TOKEN_URL", server.tokenUrl());
      room.env().put("PROCROOM_CHARTING_FHIR_AUTH_OAUTH2_CLIENT_ID", FhirServer.CLIENT_ID);
      room.env().put("PROCROOM_CHARTING_FHIR_AUTH_OAUTH2_CLIENT_SECRET_FILE", secret.toString());
      room.env().put("PROCROOM_CHARTING_FHIR_AUTH_OAUTH2_SCOPE", "system/*.write");
      room.env().put("PROCROOM_CHARTING_FHIR_RETRY_INITIAL", "100ms");
      room.env().put("PROCROOM_CHARTING_FHIR_RETRY_MAX", "500ms");
      room.writeConfig(Room.pcd01(mllp, ""));
      try (Gateway gateway = room.startGateway()) {
        Procedure closed = chartAProcedure(gateway, mllp);
        await(gateway, "delivered", 1);
        assertEquals(1, server.transactions().size(), "one transaction, valid: the server validates every request");
        String payload = new String(gateway.store().deliveries("fhir", QueuedDelivery.DELIVERED).join().get(0).payload(),
            java.nio.charset.StandardCharsets.UTF_8);
        // The bundle of a real run, for docs/fhir-out.md.
        Path example = Path.of("target", "fhir-example");
        Files.createDirectories(example);
        Files.writeString(example.resolve("bundle.json"), payload);
        List<String> said = server.validate(payload);
        assertTrue(said.stream().noneMatch(m -> m.startsWith("ERROR") || m.contains("unknown profile")
            || m.contains("could not be resolved")), String.join("\n", said));
        Bundle sent = server.transactions().get(0);
        assertEquals(closed.id(), sent.getIdentifier().getValue());
        List<Resource> resources = sent.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
        assertEquals("Procedure", resources.get(0).fhirType());
        Observation heartRate = resources.stream().filter(Observation.class::isInstance).map(Observation.class::cast)
            .filter(o -> o.getCode().getCoding().stream().anyMatch(c -> c.getCode().equals("8867-4")))
            .findFirst().orElseThrow(() -> new AssertionError("no heart rate in " + resources));
        assertTrue(heartRate.getMeta().hasProfile("http://hl7.org/fhir/StructureDefinition/heartrate"),
            "validated against the heart rate profile it claims");
        assertTrue(resources.stream().anyMatch(r -> r.fhirType().equals("MedicationAdministration")));
        // The report as the room printed it: a procedure note with the PDF, in the Procedure's context.
        org.hl7.fhir.r4.model.DocumentReference report = resources.stream()
            .filter(org.hl7.fhir.r4.model.DocumentReference.class::isInstance)
            .map(org.hl7.fhir.r4.model.DocumentReference.class::cast).findFirst()
            .orElseThrow(() -> new AssertionError("no DocumentReference in " + resources));
        assertEquals("28570-0", report.getType().getCodingFirstRep().getCode());
        assertEquals("application/pdf", report.getContentFirstRep().getAttachment().getContentType());
        assertEquals("%PDF", new String(report.getContentFirstRep().getAttachment().getData(), 0, 4,
            java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(sent.getEntry().get(0).getFullUrl(), report.getContext().getRelatedFirstRep().getReference());
        assertEquals(sent.getEntry().size(), server.filed().size(), "every entry filed once");
        assertEquals("Patient?identifier=urn:procroom:patient|SIM-PATIENT",
            ((org.hl7.fhir.r4.model.Procedure) resources.get(0)).getSubject().getReference(), "resolved by the server");
        assertEquals(1, server.tokensIssued());
        assertTrue(server.authorizations().stream().allMatch("Bearer t1"::equals), server.authorizations().toString());

        // A token the server stops taking: the gateway asks for a new one and the next record goes.
        server.revokeTokens();
        chartAProcedure(gateway, mllp);
        await(gateway, "delivered", 2);
        assertEquals(2, server.tokensIssued());
        // /health reads counts the sender refreshes once a second.
        Await.until(Duration.ofSeconds(5), () -> health(gateway).path("charting").path("fhir").path("delivered").asLong() == 2,
            () -> "health: " + health(gateway));
        assertEquals("CONNECTED", health(gateway).path("charting").path("fhir").path("status").asText());
      }
    }
  }

  @Test
  void aLostAnswerFilesNothingTwice() throws Exception {
    int mllp = FreePort.pick();
    Path token = Files.writeString(dir.resolve("token"), "fixed-token\n");
    try (FhirServer server = FhirServer.withToken("fixed-token").knowing("urn:procroom:patient", "SIM-PATIENT");
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      // The first transaction is filed, but its answer comes after the gateway stopped waiting.
      server.stallFirstAnswer(Duration.ofSeconds(4));
      room.env().put("PROCROOM_CHARTING_FHIR_URL", server.base());
      room.env().put("PROCROOM_CHARTING_FHIR_AUTH_BEARER_TOKEN_FILE", token.toString());
      room.env().put("PROCROOM_CHARTING_FHIR_TIMEOUT", "2s");
      room.env().put("PROCROOM_CHARTING_FHIR_RETRY_INITIAL", "100ms");
      room.env().put("PROCROOM_CHARTING_FHIR_RETRY_MAX", "500ms");
      room.writeConfig(Room.pcd01(mllp, ""));
      try (Gateway gateway = room.startGateway()) {
        chartAProcedure(gateway, mllp);
        await(gateway, "delivered", 1);
        // Sent again after the answer was lost (and again while the server was still validating slowly).
        assertTrue(server.transactions().size() >= 2, "sent " + server.transactions().size() + " times");
        assertEquals(server.transactions().get(0).getEntry().size(), server.filed().size(),
            "the second time, every entry was found filed (ifNoneExist): nothing twice");
        QueuedDelivery delivered = gateway.store().deliveries("fhir", QueuedDelivery.DELIVERED).join().get(0);
        assertEquals(server.transactions().size(), delivered.attempts());
        assertTrue(server.authorizations().stream().allMatch("Bearer fixed-token"::equals));
      }
    }
  }

  @Test
  void aBundleForAPatientTheServerDoesNotKnowIsParkedWithItsOperationOutcome() throws Exception {
    int mllp = FreePort.pick();
    Path token = Files.writeString(dir.resolve("token"), "fixed-token");
    try (FhirServer server = FhirServer.withToken("fixed-token");
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber alerts = new FeedSubscriber(broker.url(), "procroom/+/alerts/#");
         Room room = new Room(dir, broker.url())) {
      // The server holds no patient SIM-PATIENT: it cannot resolve the bundle's subject and refuses.
      room.env().put("PROCROOM_CHARTING_FHIR_URL", server.base());
      room.env().put("PROCROOM_CHARTING_FHIR_AUTH_BEARER_TOKEN_FILE", token.toString());
      room.writeConfig(Room.pcd01(mllp, ""));
      try (Gateway gateway = room.startGateway()) {
        chartAProcedure(gateway, mllp);
        await(gateway, "parked", 1);
        QueuedDelivery parked = gateway.store().deliveries("fhir", QueuedDelivery.PARKED).join().get(0);
        assertEquals("HTTP 412: error not-found: no Patient matches Patient?identifier=urn:procroom:patient|SIM-PATIENT",
            parked.lastError());
        assertEquals(1, server.transactions().size(), "never resent by itself");
        Await.until(Duration.ofSeconds(10), () -> alerts.all().stream()
            .anyMatch(m -> m.json().path("type").asText().equals("charting.parked")
                && m.json().path("payload").path("queue").asText().equals("fhir")), () -> "no alert");
        JsonNode alert = alerts.all().stream().filter(m -> m.json().path("type").asText().equals("charting.parked"))
            .findFirst().orElseThrow().json();
        assertEquals(java.util.Set.of(), new FeedSchemas().validateEvent(alert), "the published schema: " + alert);
      }
    }
  }

  /** The validator is live: a bundle that is not valid FHIR is refused with 422 (what the tests above rely on). */
  @Test
  void theServerRefusesAnInvalidBundle() throws Exception {
    try (FhirServer server = FhirServer.withToken("t")) {
      String invalid = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":\"urn:uuid:"
          + "0b3a2b34-3a5f-4c5e-9c3f-3f1f3e7f1a11\",\"resource\":{\"resourceType\":\"Observation\",\"meta\":{\"profile\":"
          + "[\"http://hl7.org/fhir/StructureDefinition/heartrate\"]},\"status\":\"final\",\"code\":{\"text\":\"pulse\"},"
          + "\"valueQuantity\":{\"value\":72}},\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.base()))
          .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer t")
          .POST(HttpRequest.BodyPublishers.ofString(invalid)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(422, answer.statusCode(), answer.body());
      assertTrue(answer.body().contains("OperationOutcome"), answer.body());
      assertTrue(server.transactions().isEmpty());
    }
  }
}
