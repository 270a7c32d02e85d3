package org.procroom.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.testkit.MosquittoBroker;

/**
 * With {@code publicView: false}, every read that carries patient data needs a session (the
 * schedule, the open procedure, a record's events; the page's data already did); a sign-in costs
 * one key derivation whether the id exists or not; sign-ins and failures are recorded as
 * {@code staff.sign-in} with the address, never the PIN, outside any record.
 */
class PatientReadsNeedASignInTest {
  @TempDir Path dir;

  @Test
  void patientDataIsOnlyForSignedInStaffAndSignInsAreAudited() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig("");
      room.addNurse(false);
      try (Gateway gateway = room.startGateway()) {
        String base = "http://127.0.0.1:" + gateway.httpPort();
        String procedure = gateway.store().openProcedure("TPI", "MRN-1", "Doe^Jane", "ACC-1", gateway.clock().now())
            .get().id();
        HttpClient anonymous = HttpClient.newHttpClient();
        for (String path : List.of("/api/schedule", "/api/procedures/current", "/api/procedures/" + procedure + "/events",
            "/api/procedures/" + procedure + "/report", "/api/procedures/" + procedure + "/report?format=pdf",
            "/api/dashboard/state", "/api/dashboard/waves")) {
          HttpResponse<String> r = anonymous.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
              HttpResponse.BodyHandlers.ofString());
          assertEquals(401, r.statusCode(), path + ": " + r.body());
          assertTrue(!r.body().contains("Doe") && !r.body().contains("MRN-1"), path);
        }

        long before = PinHash.derivations();
        post(anonymous, base + "/api/login", "{\"user\":\"nurse-a\",\"pin\":\"0000\"}");
        long known = PinHash.derivations() - before;
        before = PinHash.derivations();
        post(anonymous, base + "/api/login", "{\"user\":\"nobody-here\",\"pin\":\"0000\"}");
        long unknown = PinHash.derivations() - before;
        assertEquals(1, known, "a known id costs one derivation");
        assertEquals(known, unknown, "an unknown id costs the same, so timing does not tell which ids exist");
        assertEquals(200, post(anonymous, base + "/api/login", "{\"user\":\"nurse-a\",\"pin\":\"4711\"}").statusCode());

        List<DeviceEvent> audit = gateway.store().events(null).join().stream()
            .filter(e -> e.type().equals("staff.sign-in")).toList();
        assertEquals(List.of("nurse-a failed", "(unknown id) failed", "nurse-a signed-in"), audit.stream()
            .map(e -> e.payload().path("user").asText() + " " + e.payload().path("outcome").asText()).toList());
        assertTrue(audit.stream().allMatch(e -> e.procedureId() == null
            && e.payload().path("address").asText().equals("127.0.0.1") && !e.payload().toString().contains("4711")));
      }
    }
  }

  private static HttpResponse<String> post(HttpClient client, String url, String json) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
