package org.procroom.simulators.scanner;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/** A scanner in USB virtual COM mode: writes to a serial port (a pty in tests and the demo). */
final class SerialScanOutput implements ScanOutput {
  private final SerialPort port;

  SerialScanOutput(String path, int baud) throws IOException {
    port = SerialPort.getCommPort(path);
    port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 2000);
    if (!port.openPort()) {
      throw new IOException("cannot open " + path + " (error " + port.getLastErrorCode() + ")");
    }
  }

  @Override
  public void send(byte[] bytes) throws IOException {
    if (port.writeBytes(bytes, bytes.length) != bytes.length) {
      throw new IOException("write to " + port.getSystemPortPath() + " failed (error " + port.getLastErrorCode() + ")");
    }
  }

  @Override
  public void close() {
    port.closePort();
  }
}
