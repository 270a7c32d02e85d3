package org.procroom.gateway.charting.hl7;

import java.time.Duration;
import java.util.Optional;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;

/**
 * {@code charting.hl7}: where the site's interface engine takes PCD-01 ({@code url: mllp://host:port},
 * or {@code mllps://host:port} for MLLP over TLS with {@code tls.trustStore}, the site's CA, and an
 * optional client certificate in {@code tls.keyStore}),
 * the names of both ends (MSH-3 to MSH-6), the assigning authority of the room's patient ids (PID-3.4),
 * the charting interval, and how long to wait for an acknowledgement.
 */
public record Hl7Settings(String host, int port, String sendingApplication, String sendingFacility,
    String receivingApplication, String receivingFacility, String patientIdAuthority, Duration interval,
    Duration ackTimeout, Duration reconnectInitial, Duration reconnectMax, javax.net.ssl.SSLContext tls) {

  /** Plain MLLP. */
  public Hl7Settings(String host, int port, String sendingApplication, String sendingFacility,
      String receivingApplication, String receivingFacility, String patientIdAuthority, Duration interval,
      Duration ackTimeout, Duration reconnectInitial, Duration reconnectMax) {
    this(host, port, sendingApplication, sendingFacility, receivingApplication, receivingFacility, patientIdAuthority,
        interval, ackTimeout, reconnectInitial, reconnectMax, null);
  }

  /** Empty when {@code charting.hl7.url} is not set: the room charts nothing over HL7. */
  public static Optional<Hl7Settings> from(DriverSettings s) {
    String url = s.string("url", "");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(mllps?)://([^/:\\s]+):(\\d{1,5})").matcher(url);
    if (!m.matches() || Integer.parseInt(m.group(3)) > 65535) {
      throw new ConfigException(s.key("url"), "expected mllp://host:port or mllps://host:port, found '" + url + "'");
    }
    javax.net.ssl.SSLContext tls = null;
    if (m.group(1).equals("mllps")) {
      DriverSettings t = s.section("tls");
      if (!t.has("trustStore")) {
        throw new ConfigException(t.key("trustStore"), "required for mllps: the CA that signed the interface engine's certificate");
      }
      tls = org.procroom.gateway.api.TlsSettings.context(t).orElseThrow();
    }
    Duration interval = s.duration("interval", Duration.ofMinutes(1));
    if (interval.toSeconds() < 10 || interval.toHours() > 24) {
      throw new ConfigException(s.key("interval"), "must be between 10s and 24h");
    }
    Duration ackTimeout = s.duration("ackTimeout", Duration.ofSeconds(30));
    if (ackTimeout.toMillis() < 1000 || ackTimeout.toMinutes() > 10) {
      throw new ConfigException(s.key("ackTimeout"), "must be between 1s and 10m");
    }
    Duration initial = s.duration("reconnectInitial", Duration.ofSeconds(1));
    Duration max = s.duration("reconnectMax", Duration.ofSeconds(60));
    if (initial.toMillis() < 10 || max.compareTo(initial) < 0 || max.toHours() > 1) {
      throw new ConfigException(s.key("reconnectMax"), "reconnectInitial must be at least 10ms and reconnectMax"
          + " between it and 1h");
    }
    return Optional.of(new Hl7Settings(m.group(2), Integer.parseInt(m.group(3)),
        s.string("sendingApplication", "PROCROOM"), s.string("sendingFacility", ""),
        s.string("receivingApplication", ""), s.string("receivingFacility", ""),
        s.string("patientIdAuthority", ""), interval,
        ackTimeout, initial, max, tls));
  }
}
