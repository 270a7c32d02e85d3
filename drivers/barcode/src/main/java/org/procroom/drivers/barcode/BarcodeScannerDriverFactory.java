package org.procroom.drivers.barcode;

import org.procroom.drivers.serial.LineTransportOptions;
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
  public Driver create(DriverSettings settings) {
    return new BarcodeScannerDriver(LineTransportOptions.from(settings, 9600));
  }
}
