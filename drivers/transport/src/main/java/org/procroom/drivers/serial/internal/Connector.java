package org.procroom.drivers.serial.internal;

import java.io.IOException;
import org.procroom.drivers.serial.LineTransportOptions;

/** Opens links to one configured device. */
public interface Connector {
  /** Opens the link or says, in the exception message, why not (port absent, busy, refused). */
  Link connect() throws IOException;

  String describe();

  static Connector forOptions(LineTransportOptions options) {
    return options.transport() == LineTransportOptions.Transport.TCP
        ? new TcpConnector(options.host(), options.tcpPort())
        : new SerialConnector(options);
  }
}
