package org.procroom.drivers.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.drivers.serial.LineTransportOptions.FlowControl;
import org.procroom.drivers.serial.SerialPorts;

/** Serial ports through jSerialComm, found by path or by USB identity on every (re)connect. */
final class SerialConnector implements Connector {
  private static final int READ_POLL_MS = 500;

  private final LineTransportOptions options;

  SerialConnector(LineTransportOptions options) {
    this.options = options;
  }

  @Override
  public Link connect() throws IOException {
    String path = resolvePath();
    if (!Files.exists(Path.of(path))) {
      throw new IOException("serial port " + path + " is not present");
    }
    SerialPort port = SerialPort.getCommPort(path);
    configure(port);
    if (!port.openPort()) {
      throw new IOException("cannot open serial port " + path + " (error " + port.getLastErrorCode()
          + "; busy, or no permission: is the user in the dialout group?)");
    }
    return new SerialLink(port, Path.of(path));
  }

  private String resolvePath() throws IOException {
    return SerialPorts.find(options)
        .orElseThrow(() -> new IOException("no serial port for " + options.describe() + " is plugged in"));
  }

  private void configure(SerialPort port) {
    LineTransportOptions.SerialFraming f = options.framing();
    int stopBits = switch (f.stopBits()) {
      case "1.5" -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
      case "2" -> SerialPort.TWO_STOP_BITS;
      default -> SerialPort.ONE_STOP_BIT;
    };
    int parity = switch (f.parity()) {
      case ODD -> SerialPort.ODD_PARITY;
      case EVEN -> SerialPort.EVEN_PARITY;
      case MARK -> SerialPort.MARK_PARITY;
      case SPACE -> SerialPort.SPACE_PARITY;
      case NONE -> SerialPort.NO_PARITY;
    };
    port.setComPortParameters(f.baud(), f.dataBits(), stopBits, parity);
    port.setFlowControl(f.flowControl() == FlowControl.RTS_CTS
        ? SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED
        : f.flowControl() == FlowControl.XON_XOFF
            ? SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED
            : SerialPort.FLOW_CONTROL_DISABLED);
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_POLL_MS, 0);
  }

  @Override
  public String describe() {
    return options.describe();
  }

  private static final class SerialLink implements Link {
    private final SerialPort port;
    private final Path path;

    SerialLink(SerialPort port, Path path) {
      this.port = port;
      this.path = path;
    }

    @Override
    public int read(byte[] buffer) {
      int n = port.readBytes(buffer, buffer.length);
      // An unplugged adapter or a closed pty shows as an error or as a device node that vanished.
      if (n < 0 || (n == 0 && (!port.isOpen() || !Files.exists(path)))) {
        return -1;
      }
      return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
      int written = port.writeBytes(bytes, bytes.length);
      if (written != bytes.length) {
        throw new IOException("serial write to " + path + " failed (error " + port.getLastErrorCode() + ")");
      }
    }

    @Override
    public void close() {
      port.closePort();
    }
  }
}
