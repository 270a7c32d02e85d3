package org.procroom.drivers.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/** Server sockets for a listener over TLS: TLS 1.3 and 1.2 only, client certificates required or not. */
public final class TlsListeners {
  private TlsListeners() {}

  public static ServerSocketFactory serverSockets(SSLContext context, boolean requireClientCertificate) {
    ServerSocketFactory tls = context.getServerSocketFactory();
    return new ServerSocketFactory() {
      @Override
      public ServerSocket createServerSocket() throws IOException {
        return configure(tls.createServerSocket());
      }

      @Override
      public ServerSocket createServerSocket(int port) throws IOException {
        return configure(tls.createServerSocket(port));
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return configure(tls.createServerSocket(port, backlog));
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return configure(tls.createServerSocket(port, backlog, address));
      }

      private ServerSocket configure(ServerSocket socket) {
        SSLServerSocket secure = (SSLServerSocket) socket;
        secure.setEnabledProtocols(org.procroom.gateway.api.TlsSettings.protocols());
        secure.setNeedClientAuth(requireClientCertificate);
        return secure;
      }
    };
  }
}
