package org.procroom.gateway.charting.fhir;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.TlsSettings;

/**
 * {@code charting.fhir}: the FHIR R4 server that takes each closed record's transaction Bundle
 * ({@code url}, its base), how the gateway signs in (a bearer token kept in a file, or OAuth2 client
 * credentials), the site's CA for HTTPS, how long an answer may take and how retries back off.
 * Plain http is refused but to the box itself: a record is patient data, and a client secret is one.
 * {@code patientIdentifierSystem}: the system of the site's patient ids (its MRNs) on its server.
 *
 * @param bearerToken the fixed token, or null
 * @param oauth2      client credentials, or null
 */
public record FhirSettings(URI base, String bearerToken, OAuth2 oauth2, SSLContext tls, Duration timeout,
    Duration retryInitial, Duration retryMax, String patientIdentifierSystem) {

  /** OAuth2 client credentials grant (RFC 6749 section 4.4; SMART Backend Services without JWT). */
  public record OAuth2(URI tokenUrl, String clientId, String clientSecret, String scope) {}

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  /** Empty when {@code charting.fhir.url} is not set: no record goes to a FHIR server. */
  public static Optional<FhirSettings> from(DriverSettings s) {
    String url = s.string("url", "");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    URI base = uri(s, "url", url);
    inTheClearOnlyToThisBox(s, "url", base, "a record is patient data");
    DriverSettings auth = s.section("auth");
    String bearer = auth.optionalString("bearerTokenFile")
        .map(f -> new String(TlsSettings.secret(auth.key("bearerTokenFile"), f))).orElse(null);
    OAuth2 oauth2 = null;
    DriverSettings o = auth.section("oauth2");
    if (o.has("tokenUrl")) {
      if (bearer != null) {
        throw new ConfigException(auth.path(), "bearerTokenFile and oauth2 both set: choose one");
      }
      if (!o.has("clientId") || !o.has("clientSecretFile")) {
        throw new ConfigException(o.path(), "tokenUrl needs clientId and clientSecretFile");
      }
      URI tokenUrl = uri(o, "tokenUrl", o.string("tokenUrl"));
      inTheClearOnlyToThisBox(o, "tokenUrl", tokenUrl, "the client secret goes there");
      oauth2 = new OAuth2(tokenUrl, o.string("clientId"),
          new String(TlsSettings.secret(o.key("clientSecretFile"), o.string("clientSecretFile"))), o.string("scope", ""));
    }
    SSLContext tls = TlsSettings.context(s.section("tls")).orElse(null);
    Duration timeout = s.duration("timeout", Duration.ofSeconds(30));
    if (timeout.toMillis() < 1000 || timeout.toMinutes() > 10) {
      throw new ConfigException(s.key("timeout"), "must be between 1s and 10m");
    }
    Duration initial = s.duration("retryInitial", Duration.ofSeconds(2));
    Duration max = s.duration("retryMax", Duration.ofMinutes(5));
    if (initial.toMillis() < 10 || max.compareTo(initial) < 0 || max.toHours() > 1) {
      throw new ConfigException(s.key("retryMax"), "retryInitial must be at least 10ms and retryMax between it and 1h");
    }
    return Optional.of(new FhirSettings(base, bearer, oauth2, tls, timeout, initial, max,
        s.string("patientIdentifierSystem", "urn:procroom:patient")));
  }

  private static void inTheClearOnlyToThisBox(DriverSettings s, String name, URI u, String why) {
    if (u.getScheme().equals("http") && !LOOPBACK.contains(u.getHost())) {
      throw new ConfigException(s.key(name), why + ": use https:// (http:// only to this box), found '" + u + "'");
    }
  }

  private static URI uri(DriverSettings s, String name, String text) {
    try {
      URI u = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (!(("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null)) {
        throw new java.net.URISyntaxException(text, "expected http(s)://host[:port]/path");
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(s.key(name), "expected an https:// URL, found '" + text + "'");
    }
  }
}
