package org.procroom.drivers.vitals.pcd01;

import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverFactory;
import org.procroom.gateway.api.DriverSettings;

/** {@code type: ihe-pcd01}: {@code bindAddress} (0.0.0.0), {@code port} (2575), {@code maxConnections} (16), limits. */
public final class Pcd01ListenerDriverFactory implements DriverFactory {
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
    return new Pcd01ListenerDriver(s.string("bindAddress", "0.0.0.0"), s.integer("port", 2575, 0, 65535),
        s.integer("maxConnections", 16, 1, 256), s.integer("maxMessageBytes", 1 << 20, 1024, 64 << 20),
        s.duration("idleTimeout", java.time.Duration.ofMinutes(10)), s.duration("messageTimeout", java.time.Duration.ofSeconds(30)),
        VitalsEvents.from(s));
  }
}
