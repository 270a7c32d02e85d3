package org.procroom.drivers.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The gateway's own connection to a DICOM peer for one association made by PixelMed, which opens
 * its sockets without a connect or read timeout and whose TLS allows only protocols Java 17
 * disables: PixelMed connects in the clear to a loopback port of the tunnel, which holds the
 * connection to the peer, opened within the connect timeout (over TLS 1.3 or 1.2 with the site's
 * CA and the peer's name checked, when a TLS context is given) and closed when nothing has moved
 * either way for the silence timeout. A peer that stops answering then ends the association
 * instead of holding its caller for ever.
 */
public final class PeerTunnel implements AutoCloseable {
  private final ServerSocket local;
  private final Socket remote;
  private final long silenceNanos;
  private volatile long lastActivity = System.nanoTime();
  /** PixelMed's side, once it connected: closed with the peer's, so that either end ends both. */
  private volatile Socket plain;

  private PeerTunnel(Socket remote, Duration silence) throws IOException {
    this.remote = remote;
    this.silenceNanos = silence.toNanos();
    this.local = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    local.setSoTimeout((int) Math.min(Integer.MAX_VALUE, silence.toMillis()));
    Thread t = new Thread(this::carry, "dicom-peer-tunnel");
    t.setDaemon(true);
    t.start();
  }

  /** A tunnel to {@code host:port}, over TLS when {@code tls} is not null. */
  public static PeerTunnel open(SSLContext tls, String host, int port, Duration connect, Duration silence)
      throws IOException {
    Socket socket = tls == null ? new Socket() : tls.getSocketFactory().createSocket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) connect.toMillis());
      socket.setSoTimeout((int) Math.min(1000, silence.toMillis()));
      if (socket instanceof SSLSocket ssl) {
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) connect.toMillis());
        ssl.startHandshake();
        ssl.setSoTimeout((int) Math.min(1000, silence.toMillis()));
      }
      return new PeerTunnel(socket, silence);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** The loopback port PixelMed's association is made to. */
  public int port() {
    return local.getLocalPort();
  }

  private void carry() {
    try {
      Socket accepted = local.accept();
      plain = accepted;
      accepted.setSoTimeout((int) Math.min(1000, silenceNanos / 1_000_000));
      Thread back = new Thread(() -> pipe(remote, accepted), "dicom-peer-tunnel-back");
      back.setDaemon(true);
      back.start();
      pipe(accepted, remote);
      back.join(5000);
    } catch (IOException | InterruptedException e) {
      // nobody connected in time, or closed: the association is over
    } finally {
      close();
    }
  }

  /** Copies until either side closes, or until nothing has moved either way for the silence timeout. */
  private void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (SocketTimeoutException e) {
          if (System.nanoTime() - lastActivity > silenceNanos) {
            break;
          }
          continue;
        }
        if (n < 0) {
          break;
        }
        lastActivity = System.nanoTime();
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the other side closed
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    Socket p = plain;
    if (p != null) {
      try {
        p.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
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
