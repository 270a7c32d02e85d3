package org.procroom.gateway.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.ConfigException;
import org.procroom.testkit.MosquittoBroker;

/**
 * {@code timeZone}: the room's, for the times people read. The printed record uses it when the
 * request names none; a zone that does not exist stops the gateway naming the key.
 */
class TheRoomsTimeZoneTest {
  @TempDir Path dir;

  @Test
  void thePrintedRecordIsInTheRoomsTimeZone() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig("");
      room.env().put("PROCROOM_TIME_ZONE", "America/New_York");
      try (Gateway gateway = room.startGateway()) {
        String id = gateway.store().openProcedure("TPI", "MRN-5", gateway.clock().now()).get().id();
        gateway.records().close(id).toCompletableFuture().get();
        String base = "http://127.0.0.1:" + gateway.httpPort() + "/api/procedures/" + id + "/report";
        HttpClient http = HttpClient.newHttpClient();
        String html = http.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(html.contains(" EST") || html.contains(" EDT"), "New York time in the header");
        String utc = http.send(HttpRequest.newBuilder(URI.create(base + "?timeZone=UTC")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(utc.contains(" UTC") && !utc.contains(" EST"), "the request's zone wins");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "?timeZone=Mars/Base")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode(), bad.body());
      }
    }
  }

  @Test
  void aZoneThatDoesNotExistNamesTheKey() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig("");
      room.env().put("PROCROOM_TIME_ZONE", "Europe/Atlantis");
      ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, room::config);
      assertEquals("timeZone", e.key());
    }
  }
}
