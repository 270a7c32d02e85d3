package org.procroom.drivers.vitals.pcd01;

import java.time.Duration;
import java.util.List;
import org.procroom.drivers.transport.ListenerOptions;
import org.procroom.drivers.transport.PeerFilter;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverFactory;
import org.procroom.gateway.api.DriverSettings;

/**
 * {@code type: ihe-pcd01}: {@code bindAddress} (0.0.0.0), {@code port} (2575), {@code maxConnections} (16),
 * {@code maxConnectionsPerPeer} (three quarters of them), {@code allowedPeers} (addresses or networks; loopback only
 * by default), {@code allowedDevices} (MSH-3, MSH-4 or EUI-64 identities; any when empty), timeouts,
 * {@code tls} (MLLP over TLS, client certificates optional), {@code timeZone} of timestamps without an
 * offset, {@code patientIdAuthorities} and {@code compareUnqualifiedIds} for the wrong-patient check,
 * {@code profiles} (vendor "no value" sentinels and codes), limits.
 */
public final class Pcd01ListenerDriverFactory implements DriverFactory {
  /** A monitor on the room's network must be named; out of the box only the box itself may send. */
  static final List<String> DEFAULT_PEERS = List.of("127.0.0.0/8", "::1");

  @Override
  public String type() {
    return "ihe-pcd01";
  }

  @Override
  public String deviceKind() {
    return "vitals-monitor";
  }

  @Override
  public Driver create(DriverSettings s) {
    int maxConnections = s.integer("maxConnections", 16, 1, 256);
    PeerFilter peers;
    try {
      peers = PeerFilter.of(s.list("allowedPeers", DEFAULT_PEERS));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(s.key("allowedPeers"), e.getMessage());
    }
    ListenerOptions options = ListenerOptions.of("MLLP", s.string("bindAddress", "0.0.0.0"),
            s.integer("port", 2575, 0, 65535), maxConnections)
        .withMaxPerPeer(s.integer("maxConnectionsPerPeer", org.procroom.drivers.transport.ListenerOptions.defaultPerPeer(maxConnections), 1, maxConnections))
        .withPeers(peers);
    DriverSettings tls = s.section("tls");
    if (tls.has("keyStore")) {
      options = options.withSockets(org.procroom.drivers.transport.TlsListeners.serverSockets(
          org.procroom.gateway.api.TlsSettings.context(tls).orElseThrow(), requireClientCertificate(tls)));
    }
    MllpConnection.Timeouts timeouts = new MllpConnection.Timeouts(
        s.duration("admissionTimeout", Duration.ofSeconds(5)), s.duration("idleTimeout", Duration.ofMinutes(10)),
        s.duration("messageTimeout", Duration.ofSeconds(30)));
    VitalsEvents events = VitalsEvents.from(s);
    java.time.ZoneId zone = s.zone("timeZone");
    Pcd01Receiver receiver = new Pcd01Receiver(() -> new Pcd01Parser(zone),
        new Pcd01Reading(org.procroom.drivers.vitals.terms.VendorProfiles.from(s.section("profiles"))), events,
        new PatientCheck(s.list("patientIdAuthorities", List.of()), s.bool("compareUnqualifiedIds", false)),
        s.list("allowedDevices", List.of()));
    return new Pcd01ListenerDriver(options, s.integer("maxMessageBytes", 1 << 20, 1024, 64 << 20), timeouts, events,
        receiver);
  }

  @Override
  public List<org.procroom.gateway.api.Endpoint> endpoints(DriverSettings s) {
    return List.of(new org.procroom.gateway.api.Endpoint.Listening("", s.string("bindAddress", "0.0.0.0"),
        s.integer("port", 2575, 0, 65535)));
  }

  private static boolean requireClientCertificate(DriverSettings tls) {
    boolean required = tls.bool("requireClientCertificate", false);
    if (required && !tls.has("trustStore")) {
      throw new ConfigException(tls.key("trustStore"), "required when requireClientCertificate is true");
    }
    return required;
  }
}
