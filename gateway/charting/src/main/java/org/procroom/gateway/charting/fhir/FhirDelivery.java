package org.procroom.gateway.charting.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.charting.QueueSender;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.QueuedDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FHIR queue to the FHIR server: each closed record's transaction Bundle POSTed to the server's
 * base, the answer read entry by entry ({@link TransactionAnswer}). The bundle's entries are
 * conditional creates on the record's own identifiers, so a bundle sent again after an answer was
 * lost files nothing twice.
 */
public final class FhirDelivery extends QueueSender {
  public static final String QUEUE = "fhir";
  private static final Logger LOG = LoggerFactory.getLogger(FhirDelivery.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FHIR_JSON = "application/fhir+json";

  private final FhirSettings settings;
  private final HttpClient http;
  private final AccessToken token;

  public FhirDelivery(FhirSettings settings, EventStore store, GatewayClock clock) {
    super(QUEUE, store, clock, settings.retryInitial(), settings.retryMax());
    this.settings = settings;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (settings.tls() != null) {
      builder.sslContext(settings.tls());
    }
    this.http = builder.build();
    this.token = new AccessToken(settings, http);
  }

  @Override
  protected String receiver() {
    return "FHIR server " + settings.base();
  }

  /** While the server is not known to be up: its CapabilityStatement says it is there and speaks R4. */
  @Override
  protected String idle() {
    if (health().connected()) {
      return null;
    }
    try {
      HttpResponse<String> answer = http.send(request(URI.create(settings.base() + "/metadata")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        return receiver() + ": GET /metadata answered HTTP " + answer.statusCode();
      }
      String version = JSON.readTree(answer.body()).path("fhirVersion").asText();
      if (!version.startsWith("4.0")) {
        return receiver() + " speaks FHIR " + (version.isEmpty() ? "of no stated version" : version)
            + "; the records are R4 (4.0.1)";
      }
      state(true, null);
      LOG.info("the {} answers (FHIR {})", receiver(), version);
      return null;
    } catch (IOException e) {
      return receiver() + ": " + describe(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return receiver() + ": interrupted";
    }
  }

  @Override
  protected Outcome send(QueuedDelivery row) throws InterruptedException {
    try {
      int entries = JSON.readTree(row.payload()).path("entry").size();
      HttpResponse<String> answer = http.send(request(settings.base())
          .header("Content-Type", FHIR_JSON + "; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofByteArray(row.payload())).build(), HttpResponse.BodyHandlers.ofString());
      TransactionAnswer read = TransactionAnswer.read(answer.statusCode(),
          answer.headers().firstValue("Content-Type").orElse(""), answer.body(), entries);
      if (read instanceof TransactionAnswer.Accepted a) {
        return new Outcome.Delivered(a.statuses().size() + " entries: " + String.join(", ", a.statuses()));
      }
      if (read instanceof TransactionAnswer.Refused r) {
        return new Outcome.Refused(r.reason());
      }
      if (answer.statusCode() == 401) {
        token.refused();
      }
      return new Outcome.NotDelivered(((TransactionAnswer.NoAnswer) read).reason());
    } catch (IOException e) {
      return new Outcome.NotDelivered(receiver() + ": " + describe(e));
    }
  }

  private HttpRequest.Builder request(URI uri) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("Accept", FHIR_JSON);
    String authorization = token.header();
    return authorization == null ? b : b.header("Authorization", authorization);
  }

  private String describe(IOException e) {
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + settings.timeout().toSeconds() + " s";
    }
    if (e instanceof javax.net.ssl.SSLException || e.getCause() instanceof javax.net.ssl.SSLException) {
      return "TLS with the FHIR server failed: " + e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
