package org.procroom.drivers.ultrasound.scp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverFactory;
import org.procroom.gateway.api.DriverSettings;

/**
 * {@code type: dicom-storage}: {@code bindAddress} (0.0.0.0), {@code port} (11112), {@code aeTitle}
 * (PROCROOM), {@code allowedCallers} (comma-separated {@code AE@host}, e.g. {@code US01@127.0.0.1};
 * {@code AE} alone allows any host), {@code maxAssociations} (8), {@code timeZone} of the modality clock,
 * {@code worklistStationAe} (US01): the scheduled station of the worklist's procedure steps;
 * {@code mppsPort} (11113, 0 = none) for Modality Performed Procedure Step and storage commitment with the
 * same AE title (both are served on {@code port} too, to an association that proposes nothing else);
 * {@code modalities.<calling AE>: {host, port}} where storage commitment reports go when the modality
 * did not wait for them on its association; {@code commitmentGrace} (500ms) how long to see whether it waits;
 * {@code commitmentTimeout} (4h) how long a result waits for the archives to confirm the objects.
 */
public final class StorageScpDriverFactory implements DriverFactory {
  @Override
  public String type() {
    return "dicom-storage";
  }

  @Override
  public String deviceKind() {
    return "ultrasound";
  }

  @Override
  public Driver create(DriverSettings s) {
    String ae = s.string("aeTitle", "PROCROOM");
    if (ae.isEmpty() || ae.length() > 16) {
      throw new ConfigException(s.key("aeTitle"), "an AE title has 1 to 16 characters");
    }
    List<AssociationGate.Caller> callers = new ArrayList<>();
    for (String entry : s.string("allowedCallers", "").split(",")) {
      String item = entry.trim();
      if (item.isEmpty()) {
        continue;
      }
      int at = item.indexOf('@');
      try {
        callers.add(new AssociationGate.Caller(at < 0 ? item : item.substring(0, at),
            at < 0 ? null : InetAddress.getByName(item.substring(at + 1))));
      } catch (UnknownHostException e) {
        throw new ConfigException(s.key("allowedCallers"), "unknown host in '" + item + "'");
      }
    }
    if (callers.isEmpty()) {
      throw new ConfigException(s.key("allowedCallers"), "name at least one calling AE title (AE@host)");
    }
    ZoneId zone = s.zone("timeZone");
    int maxAssociations = s.integer("maxAssociations", 8, 1, 64);
    org.procroom.drivers.transport.ListenerOptions listener = org.procroom.drivers.transport.ListenerOptions.of("DICOM",
            s.string("bindAddress", "0.0.0.0"), s.integer("port", 11112, 0, 65535), maxAssociations)
        .withMaxPerPeer(s.integer("maxAssociationsPerPeer", org.procroom.drivers.transport.ListenerOptions.defaultPerPeer(maxAssociations), 1, maxAssociations));
    return new StorageScpDriver(listener, ae, callers, s.duration("admissionTimeout", java.time.Duration.ofSeconds(5)),
        zone, s.string("worklistStationAe", "US01"), s.integer("mppsPort", 11113, 0, 65535), tls(s.section("tls")),
        modalities(s.section("modalities")), s.duration("commitmentGrace", java.time.Duration.ofMillis(500)),
        s.duration("commitmentTimeout", java.time.Duration.ofHours(4)),
        ris(s.section("ris"), ae, s.string("worklistStationAe", "US01"), zone));
  }

  @Override
  public List<org.procroom.gateway.api.Endpoint> endpoints(DriverSettings s) {
    String bind = s.string("bindAddress", "0.0.0.0");
    List<org.procroom.gateway.api.Endpoint> endpoints = new ArrayList<>();
    endpoints.add(new org.procroom.gateway.api.Endpoint.Listening("", bind, s.integer("port", 11112, 0, 65535)));
    int mpps = s.integer("mppsPort", 11113, 0, 65535);
    if (mpps > 0) {
      endpoints.add(new org.procroom.gateway.api.Endpoint.Listening("mpps", bind, mpps));
    }
    DriverSettings tls = s.section("tls");
    if (tls.has("keyStore")) {
      endpoints.add(new org.procroom.gateway.api.Endpoint.Listening("dicom-tls", bind, tls.integer("port", 2762, 0, 65535)));
    }
    return endpoints;
  }

  private static final java.util.regex.Pattern DICOM_URL = java.util.regex.Pattern.compile(
      "dicom://([^@/]{1,16})@([^:/]+):(\\d{1,5})");

  /**
   * {@code ris.url} ({@code dicom://AE@host:port}) turns the site's worklist on: {@code stationAe}
   * (the room's {@code worklistStationAe}), {@code modality} (US), {@code procedureType} (TPI),
   * {@code interval} (1m).
   */
  private static RisWorklist.Settings ris(DriverSettings r, String aeTitle, String stationAe, ZoneId zone) {
    if (!r.has("url")) {
      return null;
    }
    java.util.regex.Matcher m = DICOM_URL.matcher(r.string("url"));
    if (!m.matches() || Integer.parseInt(m.group(3)) < 1 || Integer.parseInt(m.group(3)) > 65535) {
      throw new ConfigException(r.key("url"), "expected dicom://AE@host:port, found '" + r.string("url") + "'");
    }
    java.time.Duration interval = r.duration("interval", java.time.Duration.ofMinutes(1));
    if (interval.toSeconds() < 1 || interval.toHours() > 24) {
      throw new ConfigException(r.key("interval"), "must be between 1s and 24h");
    }
    return new RisWorklist.Settings(m.group(1), m.group(2), Integer.parseInt(m.group(3)), aeTitle,
        r.string("stationAe", stationAe), r.string("modality", "US"), r.string("procedureType", "TPI"), zone, interval);
  }

  /** {@code modalities.<calling AE>.host} and {@code .port}: where each modality takes storage commitment reports. */
  private static java.util.Map<String, ReportSender.Modality> modalities(DriverSettings m) {
    java.util.Map<String, ReportSender.Modality> out = new java.util.HashMap<>();
    for (String ae : m.names()) {
      if (ae.isEmpty() || ae.length() > 16) {
        throw new ConfigException(m.key(ae), "an AE title has 1 to 16 characters");
      }
      DriverSettings one = m.section(ae);
      if (!one.has("host")) {
        throw new ConfigException(one.key("host"), "required: the modality's address for storage commitment reports");
      }
      out.put(ae, new ReportSender.Modality(one.string("host"), one.integer("port", 104, 1, 65535)));
    }
    return out;
  }

  /** {@code tls.keyStore} (PKCS#12) turns DICOM TLS on; {@code tls.trustStore} + {@code requireClientCertificate}. */
  private static StorageScpDriver.Tls tls(DriverSettings t) {
    if (!t.has("keyStore")) {
      return null;
    }
    boolean clientCertificates = t.bool("requireClientCertificate", false);
    if (clientCertificates && !t.has("trustStore")) {
      throw new ConfigException(t.key("trustStore"), "required when requireClientCertificate is true");
    }
    return new StorageScpDriver.Tls(org.procroom.gateway.api.TlsSettings.context(t).orElseThrow(),
        t.integer("port", 2762, 0, 65535), clientCertificates);
  }
}
