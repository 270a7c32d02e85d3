package org.procroom.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.store.EventJson;
import org.procroom.testkit.Await;
import org.procroom.testkit.MosquittoBroker;

/** /health reports each part with its reason; /metrics counts what the gateway did, in Prometheus text. */
class HealthAndMetricsTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void healthAndMetricsReflectTheRoom() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         Gateway gateway = room.startGateway()) {
      String base = "http://127.0.0.1:" + gateway.httpPort();
      Await.until(Duration.ofSeconds(10), () -> get(base + "/health").path("status").asText().equals("UP"),
          () -> "health: " + get(base + "/health"));
      for (int i = 0; i < 5; i++) {
        room.scanner.scan("]C1M" + i);
      }
      Await.until(Duration.ofSeconds(10), () -> metric(base, "procroom_events_received_total{device=\"scanner-1\"}") == 5
          && metric(base, "procroom_outbox_depth") == 0, () -> metricsText(base));
      assertEquals(7, metric(base, "procroom_events_stored_total"), "2 connection states and 5 scans");
      assertEquals(12, metric(base, "procroom_events_published_total"),
          "7 events and 5 alert copies (each unrecognised scan is a warning)");
      assertEquals(1, metric(base, "procroom_mqtt_connected"));
      assertEquals(1, metric(base, "procroom_driver_up{driver=\"scanner-1\",state=\"CONNECTED\"}"));
      assertTrue(metricsText(base).contains("procroom_publish_latency_seconds_count"));

      broker.stop();
      Await.until(Duration.ofSeconds(10), () -> get(base + "/health").path("status").asText().equals("DEGRADED"),
          () -> "health: " + get(base + "/health"));
      JsonNode health = get(base + "/health");
      assertEquals("DISCONNECTED", health.path("mqtt").path("status").asText().replace("CONNECTING", "DISCONNECTED"));
      assertTrue(health.path("mqtt").path("lastError").asText().contains(broker.url()), health.toString());
      assertEquals("CONNECTED", health.path("drivers").path("scanner-1").path("state").asText());
      assertEquals("UP", health.path("store").path("status").asText());
    }
  }

  private JsonNode get(String url) {
    try {
      return EventJson.parse(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString()).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String metricsText(String base) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long metric(String base, String series) {
    return metricsText(base).lines().filter(l -> l.startsWith(series + " "))
        .mapToLong(l -> Long.parseLong(l.substring(series.length() + 1).trim())).findFirst().orElse(-1);
  }
}
