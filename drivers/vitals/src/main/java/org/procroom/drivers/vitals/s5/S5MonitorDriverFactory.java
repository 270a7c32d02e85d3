package org.procroom.drivers.vitals.s5;

import java.time.Duration;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.drivers.serial.LineTransportOptions.FlowControl;
import org.procroom.drivers.serial.LineTransportOptions.Parity;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverFactory;
import org.procroom.gateway.api.DriverSettings;

/** {@code type: ge-s5}: {@code port}, {@code requestInterval} (5s), {@code limits}, {@code maxClockSkew}. */
public final class S5MonitorDriverFactory implements DriverFactory {
  @Override
  public String type() {
    return "ge-s5";
  }

  @Override
  public String deviceKind() {
    return "vitals-monitor";
  }

  @Override
  public Driver create(DriverSettings s) {
    LineTransportOptions transport = LineTransportOptions.from(s,
        new LineTransportOptions.SerialFraming(19200, 8, Parity.EVEN, "1", FlowControl.RTS_CTS));
    Duration interval = s.duration("requestInterval", Duration.ofSeconds(5));
    if (interval.toSeconds() < 1 || interval.toSeconds() > 3600) {
      throw new org.procroom.gateway.api.ConfigException(s.key("requestInterval"), "must be between 1s and 1h");
    }
    return new S5MonitorDriver(transport, (int) interval.toSeconds(), VitalsEvents.from(s));
  }

  @Override
  public java.util.List<org.procroom.gateway.api.Endpoint> endpoints(DriverSettings s) {
    return LineTransportOptions.from(s, 9600).endpoints();
  }
}
