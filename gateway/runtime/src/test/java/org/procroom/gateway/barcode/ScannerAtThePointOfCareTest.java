package org.procroom.gateway.barcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.store.EventJson;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.MosquittoBroker;

/**
 * A scanner on a socat pty, the shipped formulary and recall list, a real Mosquitto: each kind of
 * scan becomes the right event in the record and on the feed, alerts also reach the alerts topic,
 * and the driver keeps reading after malformed input and after the cable is pulled and replugged.
 */
class ScannerAtThePointOfCareTest {
  private static final String GS = "<GS>";
  private static final String PATIENT = "123456789000042425";

  @TempDir Path dir;

  @Test
  void eachScanIsCheckedRecordedAndAlerted() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/#");
         Room room = new Room(dir, broker.url());
         Gateway gateway = room.startGateway()) {
      Await.until(Duration.ofSeconds(10), () -> state(gateway) == DriverState.CONNECTED, () -> "scanner not connected");
      String procedure = gateway.store().openProcedure("TPI", PATIENT, gateway.clock().now()).get().id();

      room.scanner.scan("]C18017123456789000000012");                                   // badge
      room.scanner.scan("]d28018" + PATIENT);                                          // wristband
      room.scanner.scan("]d20100304094276014" + "17271130" + "10LID2401" + GS + "21S1"); // valid vial
      room.scanner.scan("]d20100304094276014" + "17251031" + "10LID2301" + GS + "21S2"); // expired
      room.scanner.scan("]d20100304094276014" + "17271130" + "10LID2399" + GS + "21S3"); // recalled lot
      room.scanner.scan("]d20109506000134352" + "17271130" + "10X1");                   // unknown product
      room.scanner.scan("]d20100304094276015" + "17271130");                            // malformed: check digit
      room.scanner.scan("]d20100304094276021" + "17271130" + "10LID2402" + GS + "21S4"); // after malformed: still read
      awaitScans(gateway, procedure, 8);

      room.cable.unplug();
      Await.until(Duration.ofSeconds(10), () -> state(gateway) == DriverState.RECONNECTING, () -> "no RECONNECTING");
      room.cable.plug();
      Await.until(Duration.ofSeconds(10), () -> state(gateway) == DriverState.CONNECTED, () -> "not reconnected");
      try (var scanner = org.procroom.simulators.scanner.ScannerSimulator.serial(room.cable.deviceEnd().toString(), 9600,
          org.procroom.simulators.scanner.ScannerSimulator.Terminator.CRLF)) {
        scanner.scan("]E00304091163010");                                              // NDC-only after replug
        awaitScans(gateway, procedure, 9);
      }

      List<JsonNode> scans = gateway.store().events(procedure).get().stream()
          .filter(e -> e.type().equals("barcode.scan")).map(DeviceEvent::payload).toList();
      assertEquals(List.of("badge", "wristband", "medication", "medication", "medication", "unknown", "unknown",
          "medication", "medication"), scans.stream().map(s -> s.path("classification").asText()).toList());
      assertEquals(List.of("ok", "ok", "ok", "critical", "critical", "critical", "warning", "warning", "info"),
          scans.stream().map(s -> s.path("severity").asText()).toList());
      assertEquals(List.of("", "", "", "EXPIRED", "RECALLED", "UNKNOWN_PRODUCT", "INVALID_BARCODE", "LOOK_ALIKE",
          "EXPIRY_NOT_VERIFIABLE"), scans.stream().map(s -> s.path("findings").path(0).path("code").asText()).toList());
      assertEquals("123456789000000012", scans.get(2).path("scannedBy").asText(), "the badge scanned before");
      assertEquals("Lidocaine hydrochloride", scans.get(2).path("product").path("name").asText());
      assertEquals("1%", scans.get(2).path("product").path("strength").asText());
      assertEquals("AI 01 (GTIN): check digit is 5, expected 4", scans.get(6).path("decoded").path("error").asText());
      assertTrue(gateway.store().events(procedure).get().stream().anyMatch(e -> e.type().equals("patient.identified")),
          "the matching wristband identified the patient");

      Await.until(Duration.ofSeconds(10), () -> alerts(feed).size() == 5, () -> "alerts: " + alerts(feed).size());
      assertEquals(List.of("procroom/room-7/alerts/critical", "procroom/room-7/alerts/critical",
          "procroom/room-7/alerts/critical", "procroom/room-7/alerts/warning", "procroom/room-7/alerts/warning"),
          alerts(feed).stream().map(FeedSubscriber.Received::topic).toList());
      Await.until(Duration.ofSeconds(10), () -> feed.events().stream()
          .filter(e -> e.path("type").asText().equals("barcode.scan")).count() == 9, () -> "scans on the feed");
      FeedSchemas schemas = new FeedSchemas();
      for (JsonNode e : feed.events()) {
        assertTrue(schemas.validateEvent(e).isEmpty(), () -> e.path("type") + ": " + schemas.validateEvent(e));
      }
      assertTrue(feed.all().stream().noneMatch(m -> m.topic().contains(PATIENT)), "no patient id in any topic");
    }
  }

  @Test
  void anUnreadableVialCanBeEnteredByHandWithReasonAndName() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         Gateway gateway = room.startGateway()) {
      String procedure = gateway.store().openProcedure("TPI", PATIENT, gateway.clock().now()).get().id();
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + gateway.httpPort() + "/api/scans/manual";
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base))
          .POST(HttpRequest.BodyPublishers.ofString("{\"ndc\":\"0409-4276-01\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, refused.statusCode());
      assertEquals("reason and enteredBy are required for a manual entry",
          EventJson.parse(refused.body()).path("error").asText());

      HttpResponse<String> entered = http.send(HttpRequest.newBuilder(URI.create(base))
          .POST(HttpRequest.BodyPublishers.ofString("""
              {"ndc": "0409-4276-01", "lot": "LID2399", "expiry": "2027-11-30",
               "reason": "barcode smudged", "enteredBy": "nurse-17"}""")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(201, entered.statusCode(), entered.body());
      JsonNode event = EventJson.parse(entered.body());
      assertEquals(procedure, event.path("procedureId").asText());
      JsonNode payload = event.path("payload");
      assertEquals("manual", payload.path("source").asText());
      assertEquals("barcode smudged", payload.path("manual").path("reason").asText());
      assertEquals("nurse-17", payload.path("manual").path("enteredBy").asText());
      assertEquals("00304094276014", payload.path("decoded").path("gtin").asText(), "GTIN built from the NDC");
      assertEquals("RECALLED", payload.path("findings").path(0).path("code").asText(), "checked like a scan");
    }
  }

  private static DriverState state(Gateway gateway) {
    return gateway.drivers().handles().get("scanner-1").status().state();
  }

  private static void awaitScans(Gateway gateway, String procedure, int count) {
    Await.until(Duration.ofSeconds(10), () -> gateway.store().events(procedure).join().stream()
        .filter(e -> e.type().equals("barcode.scan")).count() == count, () -> "scans recorded");
  }

  private static List<FeedSubscriber.Received> alerts(FeedSubscriber feed) {
    return feed.all().stream().filter(m -> m.topic().contains("/alerts/")).toList();
  }
}
