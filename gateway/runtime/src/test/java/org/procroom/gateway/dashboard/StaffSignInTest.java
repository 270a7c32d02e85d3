package org.procroom.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.testkit.MosquittoBroker;

/**
 * With staff configured, writes need a session and carry the signed-in name; wrong PINs lock the
 * user out for a minute; with publicView off, the room's data needs a session too.
 */
class StaffSignInTest {
  @TempDir Path dir;

  @Test
  void writesNeedASessionAndWrongPinsLockOut() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig("");
      room.addNurse(false);
      try (Gateway gateway = room.startGateway()) {
        String base = "http://127.0.0.1:" + gateway.httpPort();
        String procedure = gateway.store().openProcedure("TPI", "MRN-1", gateway.clock().now()).get().id();
        HttpClient anonymous = HttpClient.newHttpClient();
        String pain = "{\"type\":\"pain-score\",\"score\":3,\"timing\":\"before\",\"enteredBy\":\"Someone Else\"}";

        HttpResponse<String> refused = post(anonymous, base + "/api/procedures/" + procedure + "/entries", pain);
        assertEquals(401, refused.statusCode());
        assertEquals("{\"error\":\"sign in to make entries\"}", refused.body());
        assertEquals(401, get(anonymous, base + "/api/dashboard/state").statusCode(), "publicView is off");
        assertEquals(200, get(anonymous, base + "/health").statusCode(), "health stays open for monitoring");

        HttpClient nurse = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertEquals(401, post(nurse, base + "/api/login", "{\"user\":\"nurse-a\",\"pin\":\"0000\"}").statusCode());
        HttpResponse<String> signedIn = post(nurse, base + "/api/login", "{\"user\":\"nurse-a\",\"pin\":\"4711\"}");
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        String cookie = signedIn.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(cookie.contains("HTTPOnly") || cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertEquals(200, get(nurse, base + "/api/dashboard/state").statusCode());

        HttpResponse<String> entered = post(nurse, base + "/api/procedures/" + procedure + "/entries", pain);
        assertEquals(201, entered.statusCode(), entered.body());
        assertTrue(entered.body().contains("\"enteredBy\":\"A. Nurse\""), "the session's name, not the client's: " + entered.body());

        for (int i = 0; i < 5; i++) {
          assertEquals(401, post(anonymous, base + "/api/login", "{\"user\":\"nurse-a\",\"pin\":\"1234\"}").statusCode());
        }
        HttpResponse<String> locked = post(anonymous, base + "/api/login", "{\"user\":\"nurse-a\",\"pin\":\"4711\"}");
        assertEquals(429, locked.statusCode(), "even the right PIN waits out the lockout");

        assertEquals(200, post(nurse, base + "/api/logout", "").statusCode());
        assertEquals(401, post(nurse, base + "/api/procedures/" + procedure + "/entries", pain).statusCode());
        assertFalse(Files.readString(room.configFile()).contains("4711"), "only the hash is configured");
      }
    }
  }

  private static HttpResponse<String> post(HttpClient client, String url, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
