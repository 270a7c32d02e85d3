package org.procroom.drivers.vitals.pcd01;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.DriverState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IHE PCD-01 Device Observation Consumer: an MLLP listener taking ORU^R01 from several monitors at
 * once: transport (TCP, MLLP) -> codec (HAPI) -> mapping ({@code vitals.observation}). Each
 * message is acknowledged only after its event is committed: AA, or AE/AR with the reason. One
 * message at a time per connection (original mode), a bounded number of connections.
 */
final class Pcd01ListenerDriver implements Driver {
  private static final Logger LOG = LoggerFactory.getLogger(Pcd01ListenerDriver.class);

  private final String bindAddress;
  private final int port;
  private final int maxConnections;
  /** How often a waiting connection looks at its timers. */
  private static final int POLL_MS = 250;
  private final int maxMessage;
  private final VitalsEvents events;
  private final Pcd01Parser parser = new Pcd01Parser();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong ackIds = new AtomicLong();
  private DriverContext context;
  private ServerSocket server;
  private ExecutorService workers;
  private Semaphore slots;

  private final java.time.Duration idleTimeout;
  private final java.time.Duration messageTimeout;

  /**
   * @param idleTimeout    a connection silent this long is closed, freeing its slot (monitors send
   *                       every few seconds; a silent one is gone)
   * @param messageTimeout a message begun must be complete within this, or the connection is closed
   *                       and the attempt recorded (a peer dribbling bytes cannot hold a slot)
   */
  Pcd01ListenerDriver(String bindAddress, int port, int maxConnections, int maxMessage, java.time.Duration idleTimeout,
      java.time.Duration messageTimeout, VitalsEvents events) {
    this.bindAddress = bindAddress;
    this.port = port;
    this.maxConnections = maxConnections;
    this.maxMessage = maxMessage;
    this.idleTimeout = idleTimeout;
    this.messageTimeout = messageTimeout;
    this.events = events;
  }

  @Override
  public void start(DriverContext context) {
    this.context = context;
    slots = new Semaphore(maxConnections);
    workers = Executors.newFixedThreadPool(maxConnections + 1, r -> {
      Thread t = new Thread(r, "pcd01-" + context.deviceId());
      t.setDaemon(true);
      return t;
    });
    try {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
    } catch (IOException e) {
      context.state(DriverState.FAILED, "cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage());
      return;
    }
    context.state(DriverState.CONNECTED, "listening for MLLP on " + bindAddress + ":" + server.getLocalPort());
    workers.execute(this::accept);
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return;
      }
      if (!slots.tryAcquire()) {
        LOG.warn("{}: refusing {}: already {} monitors connected", context.deviceId(), socket.getRemoteSocketAddress(),
            maxConnections);
        close(socket);
        continue;
      }
      connections.add(socket);
      workers.execute(() -> {
        try {
          serve(socket);
        } finally {
          connections.remove(socket);
          close(socket);
          slots.release();
        }
      });
    }
  }

  private void serve(Socket socket) {
    LOG.info("{}: monitor connected from {}", context.deviceId(), socket.getRemoteSocketAddress());
    MllpDecoder decoder = new MllpDecoder(maxMessage, StandardCharsets.UTF_8);
    byte[] buffer = new byte[8192];
    try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
      socket.setSoTimeout(POLL_MS);
      long lastByte = System.nanoTime();
      long messageStarted = -1;
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (java.net.SocketTimeoutException quiet) {
          n = 0;
        }
        long now = System.nanoTime();
        if (n < 0) {
          break;
        }
        if (n == 0) {
          if (!decoder.inMessage() && now - lastByte > idleTimeout.toNanos()) {
            LOG.info("{}: closing the connection from {}: silent for {}", context.deviceId(),
                socket.getRemoteSocketAddress(), idleTimeout);
            return;
          }
        } else {
          lastByte = now;
        }
        if (decoder.inMessage() && messageStarted >= 0 && now - messageStarted > messageTimeout.toNanos()) {
          String reason = "a message from " + socket.getInetAddress().getHostAddress() + " was not complete within "
              + messageTimeout.toSeconds() + " s: connection closed";
          LOG.warn("{}: {}", context.deviceId(), reason);
          context.emit(events.rejected("pcd01", reason, context.clock().now()));
          return;
        }
        if (n == 0) {
          continue;
        }
        Instant receivedAt = context.clock().now();
        context.received(n);
        decoder.decode(buffer, 0, n, frame -> {
          if (frame instanceof MllpFrame.Message message) {
            answer(out, message.text(), receivedAt);
          } else {
            context.emit(events.rejected("pcd01", ((MllpFrame.Invalid) frame).reason(), receivedAt));
          }
        });
        if (!decoder.inMessage()) {
          messageStarted = -1;
        } else if (messageStarted < 0) {
          messageStarted = now;
        }
      }
    } catch (IOException e) {
      LOG.info("{}: connection from {} ended: {}", context.deviceId(), socket.getRemoteSocketAddress(), e.getMessage());
    }
  }

  private void answer(OutputStream out, String message, Instant receivedAt) {
    Pcd01Parser.Result result = parser.parse(message);
    Hl7Ack.Code code = Hl7Ack.Code.AA;
    Hl7Ack.Error error = Hl7Ack.Error.NONE;
    String reason = null;
    if (result.set() == null) {
      code = result.refusal();
      error = result.error();
      reason = result.reason();
      context.emit(events.rejected("pcd01", reason, receivedAt));
    } else {
      try {
        context.emit(events.observation(result.set(), receivedAt)).toCompletionStage().toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        code = Hl7Ack.Code.AE;
        error = Hl7Ack.Error.INTERNAL;
        reason = "not stored by the gateway: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      }
    }
    String ack = Hl7Ack.build(message, code, error, reason, "ACK" + ackIds.incrementAndGet(),
        ZonedDateTime.now(ZoneId.systemDefault()));
    try {
      out.write(MllpDecoder.frame(ack, StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      LOG.warn("{}: acknowledgement not delivered: {}", context.deviceId(), e.getMessage());
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      close(server);
    }
    connections.forEach(Pcd01ListenerDriver::close);
    if (workers != null) {
      workers.shutdownNow();
    }
    if (context != null) {
      context.state(DriverState.STOPPED, "stopped");
    }
  }

  private static void close(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing is best effort on the way out
    }
  }
}
