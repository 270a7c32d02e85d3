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

  /** Waits (up to 2 s) until the peer has taken what was written: closing a tty may discard unread output. */
  @Override
  public void close() {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (port.bytesAwaitingWrite() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    port.closePort();
  }
}
