package org.procroom.drivers.vitals.masimo;

import java.time.ZoneId;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverFactory;
import org.procroom.gateway.api.DriverSettings;

/** {@code type: masimo-ascii}: {@code port}, {@code timeZone} of the monitor's clock, {@code limits}, {@code maxClockSkew}. */
public final class MasimoDriverFactory implements DriverFactory {
  @Override
  public String type() {
    return "masimo-ascii";
  }

  @Override
  public String deviceKind() {
    return "pulse-oximeter";
  }

  @Override
  public Driver create(DriverSettings s) {
    ZoneId zone = s.zone("timeZone");
    return new MasimoDriver(LineTransportOptions.from(s, 9600), zone, VitalsEvents.from(s));
  }

  @Override
  public java.util.List<org.procroom.gateway.api.Endpoint> endpoints(DriverSettings s) {
    return LineTransportOptions.from(s, 9600).endpoints();
  }
}
