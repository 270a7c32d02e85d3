package org.procroom.gateway.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.procroom.gateway.config.GatewayConfig;
import org.procroom.gateway.store.EventJson;

/** Asks a running gateway's {@code /health}; used by {@code procroom health} (the service's watchdog) and the doctor. */
public final class HealthProbe {
  private final URI uri;
  private final HttpClient http;

  /** Over HTTPS when the gateway serves it, trusting {@code http.tls.trustStore} (the site's CA) if given. */
  public HealthProbe(GatewayConfig config) {
    String host = config.httpHost().equals("0.0.0.0") ? "127.0.0.1" : config.httpHost();
    boolean https = config.httpTls().has("keyStore");
    this.uri = URI.create((https ? "https://" : "http://") + host + ":" + config.httpPort() + "/health");
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    if (https && config.httpTls().has("trustStore")) {
      org.procroom.gateway.api.TlsSettings.context(config.httpTls()).ifPresent(builder::sslContext);
    }
    this.http = builder.build();
  }

  public URI uri() {
    return uri;
  }

  /** The health document, or empty when nothing answers within {@code timeout}. */
  public Optional<JsonNode> ask(Duration timeout) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return Optional.of(EventJson.MAPPER.readTree(response.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
