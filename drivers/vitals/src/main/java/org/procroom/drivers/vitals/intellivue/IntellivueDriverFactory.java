package org.procroom.drivers.vitals.intellivue;

import java.time.Duration;
import java.util.List;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.drivers.serial.LineTransportOptions.FlowControl;
import org.procroom.drivers.serial.LineTransportOptions.Parity;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverFactory;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.Endpoint;

/**
 * {@code type: philips-intellivue}: {@code transport} {@code lan} (default) with {@code host} (the
 * monitor; empty: found by its beacon on {@code beaconPort}, 24005), {@code dataExportPort} (24105),
 * {@code localPort} (0: any); or {@code serial} with {@code port} (115200 8N1); {@code timeZone} of
 * the monitor's clock, {@code pollInterval} of the numerics (5s), {@code silenceTimeout} (10s),
 * {@code limits}, {@code maxClockSkew}.
 */
public final class IntellivueDriverFactory implements DriverFactory {
  @Override
  public String type() {
    return "philips-intellivue";
  }

  @Override
  public String deviceKind() {
    return "vitals-monitor";
  }

  @Override
  public Driver create(DriverSettings s) {
    String transport = s.string("transport", "lan");
    Duration silence = s.duration("silenceTimeout", Duration.ofSeconds(10));
    if (silence.toMillis() < 2000 || silence.toSeconds() > 120) {
      throw new ConfigException(s.key("silenceTimeout"), "must be between 2s and 2m");
    }
    Duration interval = s.duration("pollInterval", Duration.ofSeconds(5));
    if (interval.toMillis() < 1000 || interval.toSeconds() > 60) {
      throw new ConfigException(s.key("pollInterval"), "must be between 1s and 1m");
    }
    IntellivueSession.Timing d = IntellivueSession.Timing.DEFAULT;
    IntellivueSession.Timing timing = new IntellivueSession.Timing(d.associationRetry(), silence,
        d.keepAlive(), d.pollPeriod(), interval, d.demographicsEvery(), d.waveSpecsEvery());
    return new IntellivueDriver(transport(s, transport), s.zone("timeZone"), timing, s.bool("waves", true),
        VitalsEvents.from(s));
  }

  private static IntellivueTransport transport(DriverSettings s, String transport) {
    switch (transport) {
      case "lan":
        return new LanTransport(s.path(), s.string("host", ""), s.integer("dataExportPort", 24105, 1, 65535),
            s.integer("localPort", 0, 0, 65535), s.integer("beaconPort", 24005, 1, 65535));
      case "serial":
        return new SerialTransport(s.path(), serial(s));
      default:
        throw new ConfigException(s.key("transport"), "expected lan or serial, found '" + transport + "'");
    }
  }

  private static LineTransportOptions serial(DriverSettings s) {
    return LineTransportOptions.from(s, new LineTransportOptions.SerialFraming(115200, 8, Parity.NONE, "1",
        FlowControl.NONE));
  }

  @Override
  public List<Endpoint> endpoints(DriverSettings s) {
    if (s.string("transport", "lan").equals("serial")) {
      return serial(s).endpoints();
    }
    return s.string("host", "").isEmpty()
        ? List.of(new Endpoint.Listening("beacon", "0.0.0.0", s.integer("beaconPort", 24005, 1, 65535))) : List.of();
  }
}
