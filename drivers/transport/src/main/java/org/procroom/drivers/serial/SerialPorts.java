package org.procroom.drivers.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.procroom.drivers.serial.internal.UsbPortMatcher;

/** Finds the device path of a configured serial device: its path, or the adapter matching its USB identity. */
public final class SerialPorts {
  private SerialPorts() {}

  /** The path to open, or empty when no plugged-in adapter matches the configured USB identity. */
  public static Optional<String> find(LineTransportOptions options) {
    if (options.portPath().isPresent()) {
      return options.portPath();
    }
    List<UsbPortMatcher.PortInfo> ports = Arrays.stream(SerialPort.getCommPorts())
        .map(p -> new UsbPortMatcher.PortInfo(p.getSystemPortPath(), p.getVendorID(), p.getProductID(), p.getSerialNumber()))
        .toList();
    return options.usb().flatMap(usb -> UsbPortMatcher.match(ports, usb));
  }
}
