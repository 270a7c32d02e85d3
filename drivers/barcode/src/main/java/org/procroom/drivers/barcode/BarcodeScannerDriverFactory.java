package org.procroom.drivers.barcode;

import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.procroom.drivers.barcode.check.Formulary;
import org.procroom.drivers.barcode.check.RecallList;
import org.procroom.drivers.barcode.check.ScanVerifier;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverFactory;
import org.procroom.gateway.api.DriverSettings;

/** {@code type: barcode-scanner}. */
public final class BarcodeScannerDriverFactory implements DriverFactory {
  @Override
  public String type() {
    return "barcode-scanner";
  }

  @Override
  public String deviceKind() {
    return "barcode-scanner";
  }

  @Override
  public Driver create(DriverSettings s) {
    // Read now, not at the first scan: reading a resource needs a descriptor, which a socket flood may have taken.
    org.procroom.drivers.barcode.gs1.Gs1Dictionary.pinned();
    LineTransportOptions transport = LineTransportOptions.from(s, 9600);
    Formulary formulary = Formulary.load(s.file("formulary", "formulary.yaml"));
    RecallList recalls = RecallList.load(s.file("recalls", "recalls.yaml"));
    ScanVerifier verifier = new ScanVerifier(formulary, recalls, s.duration("repeatWindow", Duration.ofMinutes(2)),
        pattern(s, "wristbandPattern"), pattern(s, "badgePattern"));
    ZoneId zone = s.zone("timeZone");
    return new BarcodeScannerDriver(transport, verifier, zone);
  }

  private static Pattern pattern(DriverSettings s, String name) {
    if (!s.has(name)) {
      return null;
    }
    try {
      return Pattern.compile(s.string(name));
    } catch (PatternSyntaxException e) {
      throw new ConfigException(s.key(name), "not a valid regular expression: " + e.getDescription());
    }
  }

  @Override
  public java.util.List<org.procroom.gateway.api.Endpoint> endpoints(DriverSettings s) {
    return LineTransportOptions.from(s, 9600).endpoints();
  }
}
