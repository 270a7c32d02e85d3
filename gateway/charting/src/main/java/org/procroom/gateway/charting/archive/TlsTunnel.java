package org.procroom.gateway.charting.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * DICOM TLS (PS3.15 B.1) toward an archive for one association. PixelMed's own TLS allows only
 * protocols Java 17 disables, so its association goes in the clear to a loopback port of this
 * tunnel, which carries it to the archive over TLS 1.3 or 1.2 with the site's CA and the
 * gateway's certificate, the archive's name checked against its certificate.
 */
final class TlsTunnel implements AutoCloseable {
  private final ServerSocket local;
  private final SSLSocket remote;

  TlsTunnel(SSLContext context, String host, int port, int timeoutMillis) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    try {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(timeoutMillis);
      socket.startHandshake();
      socket.setSoTimeout(0);
      local = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    remote = socket;
    Thread t = new Thread(this::carry, "dicom-tls-tunnel");
    t.setDaemon(true);
    t.start();
  }

  /** The loopback port the association is made to. */
  int port() {
    return local.getLocalPort();
  }

  private void carry() {
    try (Socket plain = local.accept()) {
      Thread back = new Thread(() -> pipe(remote, plain), "dicom-tls-tunnel-back");
      back.setDaemon(true);
      back.start();
      pipe(plain, remote);
      back.join(5000);
    } catch (IOException | InterruptedException e) {
      // closed: the association is over
    } finally {
      close();
    }
  }

  private static void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException | UnsupportedOperationException e) {
      // the other side closed
    }
  }

  @Override
  public void close() {
    try {
      local.close();
    } catch (IOException ignored) {
      // already closed
    }
    try {
      remote.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
