package org.procroom.drivers.serial.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Network scanners and cradles serve their lines on a TCP port; we connect as the client. */
final class TcpConnector implements Connector {
  private static final int CONNECT_TIMEOUT_MS = 3000;
  private static final int READ_POLL_MS = 500;

  private final String host;
  private final int port;

  TcpConnector(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public Link connect() throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      socket.setSoTimeout(READ_POLL_MS);
      socket.setKeepAlive(true);
    } catch (IOException e) {
      socket.close();
      throw new IOException("cannot connect to " + describe() + ": " + e.getMessage(), e);
    }
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    return new Link() {
      @Override
      public int read(byte[] buffer) throws IOException {
        try {
          return in.read(buffer);
        } catch (SocketTimeoutException e) {
          return 0;
        }
      }

      @Override
      public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
      }

      @Override
      public void close() {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing an already broken socket has nothing left to report
        }
      }
    };
  }

  @Override
  public String describe() {
    return "tcp://" + host + ":" + port;
  }
}
