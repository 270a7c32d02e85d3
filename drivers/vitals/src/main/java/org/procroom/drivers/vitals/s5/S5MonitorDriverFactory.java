package org.procroom.drivers.vitals.s5;

import java.time.Duration;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.drivers.serial.LineTransportOptions.FlowControl;
import org.procroom.drivers.serial.LineTransportOptions.Parity;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverFactory;
import org.procroom.gateway.api.DriverSettings;

/**
 * {@code type: ge-s5}: {@code port}, {@code requestInterval} (5s), {@code limits}, {@code maxClockSkew},
 * {@code waves} (the waveform types to request, {@link #DEFAULT_WAVES}; {@code []} for none).
 */
public final class S5MonitorDriverFactory implements DriverFactory {
  /** ECG, an invasive pressure, pleth, CO2 and respiration: 550 of the monitor's 600 samples a second. */
  public static final java.util.List<String> DEFAULT_WAVES = java.util.List.of("ECG1", "INVP1", "PLETH", "CO2", "RESP");

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
    return new S5MonitorDriver(transport, (int) interval.toSeconds(), VitalsEvents.from(s), waves(s));
  }

  /** The requested types, refused when the monitor would drop some of them without a word. */
  static java.util.List<Integer> waves(DriverSettings s) {
    java.util.List<Integer> ids = new java.util.ArrayList<>();
    int perSecond = 0;
    for (String name : s.list("waves", DEFAULT_WAVES)) {
      S5WaveTypes.Type t = S5WaveTypes.byName(name).orElseThrow(() -> new org.procroom.gateway.api.ConfigException(
          s.key("waves"), "'" + name + "' is not an S/5 waveform; one of " + S5WaveTypes.all().stream()
              .map(S5WaveTypes.Type::name).toList()));
      if (ids.contains(t.id())) {
        throw new org.procroom.gateway.api.ConfigException(s.key("waves"), name + " is listed twice");
      }
      ids.add(t.id());
      perSecond += t.perSecond();
    }
    if (ids.size() > S5WaveTypes.MAX_WAVEFORMS) {
      throw new org.procroom.gateway.api.ConfigException(s.key("waves"), ids.size() + " waveforms; the monitor sends at most 8");
    }
    if (perSecond > S5WaveTypes.MAX_SAMPLES_PER_SECOND) {
      throw new org.procroom.gateway.api.ConfigException(s.key("waves"), perSecond
          + " samples a second; the monitor sends at most 600 and drops the waveforms beyond without a word");
    }
    return ids;
  }

  @Override
  public java.util.List<org.procroom.gateway.api.Endpoint> endpoints(DriverSettings s) {
    return LineTransportOptions.from(s, 9600).endpoints();
  }
}
