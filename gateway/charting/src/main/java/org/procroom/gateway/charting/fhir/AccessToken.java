package org.procroom.gateway.charting.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The bearer token for the FHIR server: the configured one, or one obtained by the OAuth2 client
 * credentials grant (RFC 6749 4.4: client id and secret in HTTP Basic) and kept until shortly before
 * it expires, or until the server refuses it.
 */
final class AccessToken {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EARLY = Duration.ofSeconds(30);

  private final FhirSettings settings;
  private final HttpClient http;
  private String token;
  private Instant expires = Instant.EPOCH;

  AccessToken(FhirSettings settings, HttpClient http) {
    this.settings = settings;
    this.http = http;
    this.token = settings.bearerToken();
  }

  /** The Authorization header's value, or null when the server wants none. */
  String header() throws IOException, InterruptedException {
    if (settings.oauth2() == null) {
      return token == null ? null : "Bearer " + token;
    }
    if (token == null || Instant.now().isAfter(expires.minus(EARLY))) {
      fetch();
    }
    return "Bearer " + token;
  }

  /** After a 401: the next request asks for a new token. */
  void refused() {
    if (settings.oauth2() != null) {
      token = null;
    }
  }

  private void fetch() throws IOException, InterruptedException {
    FhirSettings.OAuth2 o = settings.oauth2();
    String form = "grant_type=client_credentials" + (o.scope().isEmpty() ? ""
        : "&scope=" + URLEncoder.encode(o.scope(), StandardCharsets.UTF_8));
    String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(o.clientId(), StandardCharsets.UTF_8) + ":"
        + URLEncoder.encode(o.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(o.tokenUrl()).timeout(settings.timeout())
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new IOException("token endpoint " + o.tokenUrl() + " answered HTTP " + answer.statusCode() + ", not JSON");
    }
    if (answer.statusCode() != 200 || !body.path("access_token").isTextual()
        || !body.path("token_type").asText().equalsIgnoreCase("bearer")) {
      throw new IOException("token endpoint " + o.tokenUrl() + " answered HTTP " + answer.statusCode() + ": "
          + body.path("error").asText("no bearer access_token") + (body.has("error_description")
          ? " (" + body.path("error_description").asText() + ")" : ""));
    }
    token = body.path("access_token").asText();
    // Without expires_in the server gives no lifetime: used until refused.
    expires = body.path("expires_in").canConvertToLong() ? Instant.now().plusSeconds(body.path("expires_in").asLong())
        : Instant.MAX;
  }
}
