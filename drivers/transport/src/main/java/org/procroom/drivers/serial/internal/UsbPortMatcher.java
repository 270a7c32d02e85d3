package org.procroom.drivers.serial.internal;

import java.util.List;
import java.util.Optional;
import org.procroom.drivers.serial.LineTransportOptions.UsbMatch;

/** Picks the port of a USB serial adapter by vendor, product and (when configured) serial number. */
public final class UsbPortMatcher {
  /** What the operating system tells of one serial port. */
  public record PortInfo(String path, int vendorId, int productId, String serialNumber) {}

  private UsbPortMatcher() {}

  public static Optional<String> match(List<PortInfo> ports, UsbMatch wanted) {
    return ports.stream()
        .filter(p -> p.vendorId() == wanted.vendorId() && p.productId() == wanted.productId())
        .filter(p -> wanted.serialNumber().map(sn -> sn.equalsIgnoreCase(String.valueOf(p.serialNumber()))).orElse(true))
        .map(PortInfo::path)
        .sorted()
        .findFirst();
  }
}
