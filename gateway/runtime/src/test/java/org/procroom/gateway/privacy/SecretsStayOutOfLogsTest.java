package org.procroom.gateway.privacy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.TlsSettings;
import org.procroom.gateway.store.EventJson;
import org.procroom.testkit.Await;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.TestPki;

/**
 * The gateway given real secrets (the broker's password from the environment, the HTTPS key
 * store's password from a file) uses them, and neither its DEBUG log nor /health shows them.
 */
class SecretsStayOutOfLogsTest {
  private static final String MQTT_PASSWORD = "mqtt-Pw-7f3a9c41";

  @TempDir Path dir;

  @Test
  void secretsAreUsedButNeverShown() throws Exception {
    TestPki site = TestPki.authority(dir.resolve("pki"), "site");
    Path serverKeys = site.serverKeyStore("gateway-https");
    Path trust = site.trustStore();
    Path storePassword = site.passwordFile();
    int httpPort = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.startWithPassword(dir.resolve("broker"), "room-7", MQTT_PASSWORD);
         Room room = new Room(dir, broker.url())) {
      room.writeConfig("");
      room.env().put("PROCROOM_MQTT_USERNAME", "room-7");
      room.env().put("PROCROOM_MQTT_PASSWORD", MQTT_PASSWORD);
      room.env().put("PROCROOM_HTTP_PORT", String.valueOf(httpPort));
      room.env().put("PROCROOM_HTTP_TLS_KEY_STORE", serverKeys.toString());
      room.env().put("PROCROOM_HTTP_TLS_KEY_STORE_PASSWORD_FILE", storePassword.toString());
      room.env().put("PROCROOM_LOG_LEVEL", "DEBUG");
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "org.procroom.gateway.cli.Main",
          "run", "--config", room.configFile().toString());
      pb.environment().putAll(room.env());
      pb.environment().put("PROCROOM_HOME", dir.toString());
      Path log = dir.resolve("gateway.log");
      Process gateway = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      String health;
      try {
        HttpClient https = HttpClient.newBuilder().sslContext(siteTrust(trust, storePassword)).build();
        String[] last = {""};
        Await.until(Duration.ofSeconds(30), () -> {
          try {
            last[0] = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpPort + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            return EventJson.parse(last[0]).path("mqtt").path("status").asText().equals("CONNECTED");
          } catch (Exception e) {
            return false;
          }
        }, () -> "not connected with the password: " + last[0]);
        health = last[0];
        room.scanner.scan("]d20100304094276014" + "17271130" + "10LID2401" + "<GS>" + "21S1");
        Await.until(Duration.ofSeconds(10), () -> {
          try {
            return Files.readString(log).contains("DEBUG");
          } catch (Exception e) {
            return false;
          }
        }, () -> "no DEBUG lines");
      } finally {
        gateway.destroy();
        gateway.waitFor(30, TimeUnit.SECONDS);
      }
      String text = Files.readString(log);
      assertTrue(text.contains("connected to broker"), "the log is the gateway's: " + text);
      for (String secret : List.of(MQTT_PASSWORD, TestPki.PASSWORD)) {
        assertFalse(text.contains(secret), "a secret in the log");
        assertFalse(health.contains(secret), "a secret in /health");
      }
    }
  }

  private static SSLContext siteTrust(Path trust, Path password) {
    return TlsSettings.context(new DriverSettings("tls", EventJson.MAPPER.createObjectNode()
        .put("trustStore", trust.toString()).put("trustStorePasswordFile", password.toString()))).orElseThrow();
  }
}
