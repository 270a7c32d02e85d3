package org.procroom.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of a real peer, whose connections a test can cut at will: the
 * network failing between the gateway and a broker, without touching either.
 */
public final class TcpRelay implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean refusing;
  /** Cuts the next connection once this many bytes went toward the peer; negative: never. */
  private final java.util.concurrent.atomic.AtomicLong cutAfter = new java.util.concurrent.atomic.AtomicLong(-1);

  public TcpRelay(int targetPort) {
    this.target = targetPort;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (refusing) {
          closeQuietly(client);
          continue;
        }
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2000);
        open.add(client);
        open.add(upstream);
        long limit = cutAfter.getAndSet(-1);
        pipe(client, upstream, limit);
        pipe(upstream, client, -1);
      } catch (IOException e) {
        // server closed, or the target refused: the client sees its connection drop
      }
    }
  }

  private void pipe(Socket from, Socket to, long limit) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      long sent = 0;
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (limit >= 0 && sent + n > limit) {
            out.write(buffer, 0, (int) (limit - sent));
            break; // the link fails half-way through what is being sent
          }
          out.write(buffer, 0, n);
          sent += n;
        }
      } catch (IOException e) {
        // cut, or closed by either side
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "relay-pipe");
    t.setDaemon(true);
    t.start();
  }

  /** The next connection is cut once {@code bytes} went through it toward the peer; later ones are not. */
  public void cutNextAfter(long bytes) {
    cutAfter.set(bytes);
  }

  /** While true, every new connection is closed as soon as it is accepted: the peer behind is unreachable. */
  public void refuse(boolean refuse) {
    refusing = refuse;
  }

  /** Cuts every connection through the relay; new ones are still accepted. */
  public void cutAll() {
    open.forEach(this::closeQuietly);
  }

  private void closeQuietly(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
    cutAll();
  }
}
