package org.procroom.drivers.serial;

import java.time.Duration;
import java.util.Optional;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;

/**
 * Where a line-oriented device is and how to talk to it: a serial port (by path, or by USB
 * vendor/product/serial number so that the name survives replugging) or a TCP peer.
 */
public record LineTransportOptions(
    Transport transport,
    Optional<String> portPath,
    Optional<UsbMatch> usb,
    SerialFraming framing,
    String host,
    int tcpPort,
    int maxLineLength,
    Duration reconnectInitial,
    Duration reconnectMax) {

  public enum Transport { SERIAL, TCP }

  public enum Parity { NONE, ODD, EVEN, MARK, SPACE }

  public enum FlowControl { NONE, RTS_CTS, XON_XOFF }

  /** USB identity of a serial adapter; the serial number is optional. */
  public record UsbMatch(int vendorId, int productId, Optional<String> serialNumber) {}

  public record SerialFraming(int baud, int dataBits, Parity parity, String stopBits, FlowControl flowControl) {}

  /** Reads {@code transport}, {@code port} or {@code usb}, framing and limits from a driver section. */
  public static LineTransportOptions from(DriverSettings s, int defaultBaud) {
    return from(s, new SerialFraming(defaultBaud, 8, Parity.NONE, "1", FlowControl.NONE));
  }

  /** As {@link #from(DriverSettings, int)}, with the device's own framing as the default (e.g. 19200 8E1 RTS/CTS). */
  public static LineTransportOptions from(DriverSettings s, SerialFraming defaults) {
    Transport transport = s.choice("transport", Transport.class, Transport.SERIAL);
    Optional<String> path = s.optionalString("port");
    Optional<UsbMatch> usb = Optional.empty();
    DriverSettings usbSection = s.section("usb");
    if (usbSection.has("vendorId")) {
      usb = Optional.of(new UsbMatch(
          hex(usbSection, "vendorId"), hex(usbSection, "productId"), usbSection.optionalString("serialNumber")));
    }
    String stopBits = s.string("stopBits", defaults.stopBits());
    if (!stopBits.equals("1") && !stopBits.equals("1.5") && !stopBits.equals("2")) {
      throw new ConfigException(s.key("stopBits"), "expected 1, 1.5 or 2, found '" + stopBits + "'");
    }
    SerialFraming framing = new SerialFraming(
        s.integer("baud", defaults.baud(), 300, 4_000_000),
        s.integer("dataBits", defaults.dataBits(), 5, 8),
        s.choice("parity", Parity.class, defaults.parity()),
        stopBits,
        s.choice("flowControl", FlowControl.class, defaults.flowControl()));
    String host = s.string("host", "");
    int tcpPort = s.integer("tcpPort", 0, 0, 65535);
    if (transport == Transport.SERIAL && path.isEmpty() && usb.isEmpty()) {
      throw new ConfigException(s.key("port"), "required for a serial device (or give usb.vendorId and usb.productId)");
    }
    if (transport == Transport.TCP && (host.isEmpty() || tcpPort == 0)) {
      throw new ConfigException(s.key(host.isEmpty() ? "host" : "tcpPort"), "required for transport tcp");
    }
    return new LineTransportOptions(transport, path, usb, framing, host, tcpPort,
        s.integer("maxLineLength", 4096, 16, 1 << 20),
        s.duration("reconnectInitial", Duration.ofMillis(250)),
        s.duration("reconnectMax", Duration.ofSeconds(5)));
  }

  private static int hex(DriverSettings s, String name) {
    String text = s.string(name);
    try {
      return Integer.parseInt(text.toLowerCase().replaceFirst("^0x", ""), 16);
    } catch (NumberFormatException e) {
      throw new ConfigException(s.key(name), "expected a hexadecimal USB id like 0x05e0, found '" + text + "'");
    }
  }

  /** The serial line these options name, and the path that matches it now; none for a TCP peer. */
  public java.util.List<org.procroom.gateway.api.Endpoint> endpoints() {
    if (transport == Transport.TCP) {
      return java.util.List.of();
    }
    return java.util.List.of(new org.procroom.gateway.api.Endpoint.SerialLine("", describe(), SerialPorts.find(this)));
  }

  public String describe() {
    if (transport == Transport.TCP) {
      return "tcp://" + host + ":" + tcpPort;
    }
    return portPath.orElseGet(() -> usb.map(u -> String.format("usb %04x:%04x%s", u.vendorId(), u.productId(),
        u.serialNumber().map(sn -> " serial " + sn).orElse(""))).orElse("?"));
  }
}
