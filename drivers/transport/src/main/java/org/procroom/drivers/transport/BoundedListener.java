package org.procroom.drivers.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One TCP listener for a device protocol (MLLP, DICOM): an accept loop that survives, and
 * admission before any byte is read. A failing {@code accept()} (out of descriptors, an aborted
 * handshake) is retried with a growing pause, as Netty and Tomcat do, and reported while it lasts;
 * only when it keeps failing past {@link ListenerOptions#giveUpAfter()} does the listener close and
 * say it cannot go on. Each connection needs an allowed peer, a free slot and a free per-peer slot;
 * otherwise it is closed at once and reported.
 */
public final class BoundedListener implements Closeable {
  /** Serves one admitted connection on its own thread; {@code releaseSlot} frees the slot early (idempotent). */
  @FunctionalInterface
  public interface Handler {
    void serve(Socket socket, Runnable releaseSlot) throws IOException;
  }

  /** Counters for {@code /metrics}. */
  public record Stats(int open, long accepted, long refused, long acceptFailures) {}

  static {
    closeOneSocket();
  }

  private final ListenerOptions options;
  private final Handler handler;
  private final ListenerEvents events;
  private final Semaphore slots;
  private final Map<InetAddress, AtomicInteger> perPeer = new ConcurrentHashMap<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder acceptFailures = new LongAdder();
  private final ThreadPoolExecutor workers;
  private volatile boolean closed;
  private ServerSocket server;
  private Thread acceptor;

  public BoundedListener(ListenerOptions options, Handler handler, ListenerEvents events) {
    this.options = options;
    this.handler = handler;
    this.events = events;
    this.slots = new Semaphore(options.maxConnections());
    // Threads follow the connections: none idle for long, never more than the slots plus the few
    // that finish after releasing their slot early.
    this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, options.name().toLowerCase(java.util.Locale.ROOT) + "-conn");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Binds and starts accepting.
   *
   * @throws IOException when the port cannot be bound (in use, no such address)
   */
  public void start() throws IOException {
    ServerSocket s = options.sockets().createServerSocket();
    try {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(options.bindAddress()), options.port()), 128);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    server = s;
    events.listening(description());
    acceptor = new Thread(this::acceptLoop, options.name().toLowerCase(java.util.Locale.ROOT) + "-accept-"
        + s.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int localPort() {
    return server.getLocalPort();
  }

  /** The listener's socket, for TLS listeners whose settings the caller applies. */
  public ServerSocket socket() {
    return server;
  }

  public String description() {
    return options.name() + " on " + options.bindAddress() + ":" + server.getLocalPort();
  }

  /** True while the accept loop runs; false once closed or given up. */
  public boolean accepting() {
    return acceptor != null && acceptor.isAlive() && !server.isClosed();
  }

  public Stats stats() {
    return new Stats(open.size(), accepted.sum(), refused.sum(), acceptFailures.sum());
  }

  /** The counters as the driver API reports them. */
  public org.procroom.gateway.api.ListenerCounts counts() {
    Stats s = stats();
    return new org.procroom.gateway.api.ListenerCounts(options.name(), server == null ? options.port()
        : server.getLocalPort(), s.open(), s.accepted(), s.refused(), s.acceptFailures());
  }

  /**
   * Never ends but by {@link #close()} or giving up: with descriptors exhausted even loading a
   * class can fail (the class loader needs a file), so whatever a report throws, accepting goes on.
   */
  private void acceptLoop() {
    while (!closed) {
      try {
        acceptUntilClosed();
        return;
      } catch (Throwable t) {
        pause(options.retryInitial().toMillis());
      }
    }
  }

  private void acceptUntilClosed() {
    long pauseMillis = options.retryInitial().toMillis();
    long failingSince = -1;
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        acceptFailures.increment();
        long now = System.nanoTime();
        if (failingSince < 0) {
          failingSince = now;
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (server.isClosed() || now - failingSince > options.giveUpAfter().toNanos()) {
          quietly(server);
          events.failed(options.name() + " listener on port " + server.getLocalPort() + " stopped accepting: " + why);
          return;
        }
        try {
          events.accepting("not accepting connections on port " + server.getLocalPort() + ": " + why + " (retrying)");
        } catch (Throwable reportFailed) {
          // out of descriptors, the report itself may fail (a class not yet loaded): retry regardless
        }
        pause(pauseMillis);
        pauseMillis = Math.min(options.retryMax().toMillis(), pauseMillis * 2);
        continue;
      }
      if (failingSince >= 0) {
        failingSince = -1;
        pauseMillis = options.retryInitial().toMillis();
        events.listening(description());
      }
      admit(socket);
    }
  }

  private void admit(Socket socket) {
    InetAddress peer = socket.getInetAddress();
    if (!options.peers().allows(peer)) {
      refuse(socket, ListenerEvents.Refusal.NOT_ALLOWED, peer.getHostAddress() + " is not an allowed sender ("
          + options.peers() + ")");
      return;
    }
    if (!slots.tryAcquire()) {
      refuse(socket, ListenerEvents.Refusal.TOO_MANY, "all " + options.maxConnections() + " connection slots are taken");
      return;
    }
    AtomicInteger fromPeer = perPeer.computeIfAbsent(peer, p -> new AtomicInteger());
    if (fromPeer.incrementAndGet() > options.maxPerPeer()) {
      release(peer, fromPeer);
      slots.release();
      refuse(socket, ListenerEvents.Refusal.TOO_MANY_FROM_PEER, peer.getHostAddress() + " already holds "
          + options.maxPerPeer() + " of the " + options.maxConnections() + " connection slots");
      return;
    }
    AtomicBoolean released = new AtomicBoolean();
    Runnable releaseSlot = () -> {
      if (released.compareAndSet(false, true)) {
        release(peer, fromPeer);
        slots.release();
      }
    };
    accepted.increment();
    open.add(socket);
    try {
      workers.execute(() -> {
        try {
          handler.serve(socket, releaseSlot);
        } catch (IOException | RuntimeException e) {
          // the handler reports what matters; a broken connection is the peer's business
        } finally {
          open.remove(socket);
          quietly(socket);
          releaseSlot.run();
        }
      });
    } catch (RejectedExecutionException | OutOfMemoryError e) {
      // No thread for it (the process is at its limits): drop this connection, keep accepting.
      open.remove(socket);
      quietly(socket);
      releaseSlot.run();
      acceptFailures.increment();
      events.accepting("no thread to serve a connection on port " + server.getLocalPort() + ": " + e.getMessage());
    }
  }

  private void release(InetAddress peer, AtomicInteger fromPeer) {
    if (fromPeer.decrementAndGet() <= 0) {
      perPeer.remove(peer, fromPeer);
    }
  }

  private void refuse(Socket socket, ListenerEvents.Refusal why, String reason) {
    refused.increment();
    InetAddress peer = socket.getInetAddress();
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // a reset instead of a close is only kinder to our descriptor table
    }
    quietly(socket);
    events.refused(peer, why, reason);
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** Stops accepting, closes every connection. */
  @Override
  public void close() {
    closed = true;
    if (server != null) {
      quietly(server);
    }
    open.forEach(BoundedListener::quietly);
    workers.shutdownNow();
  }

  /**
   * The JDK sets up the code that closes sockets on the first close. Done while descriptors are
   * exhausted, that set-up fails for good and no socket can be closed again (found by the
   * descriptor-exhaustion test), so it is done here, while descriptors are free.
   */
  private static void closeOneSocket() {
    try (ServerSocket warmUp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      warmUp.getLocalPort();
    } catch (IOException ignored) {
      // nothing to warm up without a loopback; the first real close does it
    }
  }

  private static void quietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // best effort on the way out
    }
  }
}
