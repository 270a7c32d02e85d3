package org.procroom.simulators.vitals;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/** The serial port of a simulated monitor. */
final class SerialDevice implements AutoCloseable {
  private final SerialPort port;

  SerialDevice(String path, int baud, int parity) throws IOException {
    port = SerialPort.getCommPort(path);
    port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, parity);
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 200, 2000);
    if (!port.openPort()) {
      throw new IOException("cannot open " + path + " (error " + port.getLastErrorCode() + ")");
    }
  }

  int read(byte[] buffer) {
    return port.readBytes(buffer, buffer.length);
  }

  void write(byte[] bytes) throws IOException {
    if (port.writeBytes(bytes, bytes.length) != bytes.length) {
      throw new IOException("write to " + port.getSystemPortPath() + " failed");
    }
  }

  @Override
  public void close() {
    port.closePort();
  }
}
