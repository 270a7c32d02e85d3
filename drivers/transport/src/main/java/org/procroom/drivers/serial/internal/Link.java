package org.procroom.drivers.serial.internal;

import java.io.IOException;

/** An open connection to a device. */
public interface Link {
  /** Reads what is there, waiting a short while: the count, 0 when nothing came, -1 when the link is gone. */
  int read(byte[] buffer) throws IOException;

  /** Writes all bytes. */
  void write(byte[] bytes) throws IOException;

  /** Closes the link; safe to call from another thread to unblock a read, and more than once. */
  void close();
}
