package org.procroom.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.TlsSettings;
import org.procroom.gateway.dashboard.PinHash;
import org.procroom.gateway.doctor.HealthProbe;
import org.procroom.gateway.store.EventJson;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.TestPki;

/** HTTPS with the site's certificate: clients that trust the site's CA get in, plain HTTP does not, writes need a sign-in. */
class HttpsWithSignedInWritesTest {
  @TempDir Path dir;

  @Test
  void httpsOnlyAndWritesNeedASession() throws Exception {
    TestPki site = TestPki.authority(dir.resolve("pki"), "site");
    Path serverKeys = site.serverKeyStore("gateway-https");
    Path trust = site.trustStore();
    Path password = site.passwordFile();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      // A fixed port: the health probe reads it from the configuration, as `procroom health` does.
      room.env().put("PROCROOM_HTTP_PORT", String.valueOf(org.procroom.testkit.FreePort.pick()));
      room.env().put("PROCROOM_HTTP_TLS_KEY_STORE", serverKeys.toString());
      room.env().put("PROCROOM_HTTP_TLS_KEY_STORE_PASSWORD_FILE", password.toString());
      room.env().put("PROCROOM_HTTP_TLS_TRUST_STORE", trust.toString());
      room.env().put("PROCROOM_HTTP_TLS_TRUST_STORE_PASSWORD_FILE", password.toString());
      room.writeConfig("");
      Files.writeString(room.configFile(), """
          dashboard:
            users:
              nurse-a: {name: "A. Nurse", pin: "%s"}
          """.formatted(PinHash.hash("4711".toCharArray())), StandardOpenOption.APPEND);
      try (Gateway gateway = room.startGateway()) {
        String https = "https://127.0.0.1:" + gateway.httpPort();
        HttpClient trusting = HttpClient.newBuilder().sslContext(siteTrust(trust, password)).build();
        assertEquals(200, trusting.send(get(https + "/health"), HttpResponse.BodyHandlers.ofString()).statusCode());

        HttpResponse<String> write = trusting.send(HttpRequest.newBuilder(URI.create(https + "/api/procedures"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"patientRef\":\"MRN-1\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, write.statusCode(), "writes need a signed-in user: " + write.body());

        assertThrows(IOException.class, () -> HttpClient.newHttpClient()
            .send(get("http://127.0.0.1:" + gateway.httpPort() + "/health"), HttpResponse.BodyHandlers.ofString()),
            "plain HTTP is not served");
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(get(https + "/health"),
            HttpResponse.BodyHandlers.ofString()), "a client that does not trust the site's CA is refused");

        HealthProbe probe = new HealthProbe(gateway.config());
        assertTrue(probe.uri().toString().startsWith("https://"), probe.uri().toString());
        assertEquals("UP", probe.ask(java.time.Duration.ofSeconds(5)).orElseThrow().path("store").path("status").asText(),
            "procroom health checks over HTTPS");
      }
    }
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).build();
  }

  private static SSLContext siteTrust(Path trust, Path password) {
    ObjectNode tls = EventJson.MAPPER.createObjectNode().put("trustStore", trust.toString())
        .put("trustStorePasswordFile", password.toString());
    return TlsSettings.context(new DriverSettings("tls", tls)).orElseThrow();
  }
}
