package org.procroom.simulators.scanner;

import java.io.IOException;

/** Where a simulated scanner sends its bytes. */
interface ScanOutput extends AutoCloseable {
  void send(byte[] bytes) throws IOException;

  @Override
  void close();
}
