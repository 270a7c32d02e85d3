package org.procroom.gateway.charting.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.procroom.drivers.vitals.pcd01.MllpDecoder;
import org.procroom.drivers.vitals.pcd01.MllpFrame;
import org.procroom.gateway.api.Backoff;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.api.Severity;
import org.procroom.gateway.store.EventSource;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.QueuedDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the HL7 queue to the interface engine over MLLP, oldest first, one message in flight on one
 * connection. An acknowledgement counts only when MSA-2 is the MSH-10 sent: AA delivers it; AE or
 * AR parks it with the receiver's text and an alert (an operator resends or drops it); no valid
 * acknowledgement within the timeout sends the same message again after a growing pause, on a new
 * connection. Runs on a thread of its own: a slow or absent engine never touches device intake.
 */
public final class Hl7Delivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Hl7Delivery.class);
  private static final EventSource CHARTING = new EventSource("charting", "charting");

  /** What /health and the dashboard show of the link. */
  public record Health(boolean connected, String lastError, Instant since, Map<String, Long> counts) {}

  private final Hl7Settings settings;
  private final EventStore store;
  private final GatewayClock clock;
  private final Backoff backoff;
  private final Object wake = new Object();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean connected;
  private volatile String lastError;
  private volatile Instant since;
  /** The queue's counts as last read by the sender's thread: /health never waits on the store. */
  private volatile Map<String, Long> counts = Map.of();
  private long countedAt = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);
  private volatile Socket socket;
  private MllpDecoder decoder;

  public Hl7Delivery(Hl7Settings settings, EventStore store, GatewayClock clock) {
    this.settings = settings;
    this.store = store;
    this.clock = clock;
    this.backoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax());
    this.since = clock.now();
    this.thread = new Thread(this::run, "hl7-delivery");
    thread.setDaemon(true);
  }

  public void start() {
    store.onCommit(this::wakeUp);
    thread.start();
  }

  /** Sends what waits now rather than at the next poll (a commit, an operator's resend). */
  public void wakeUp() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  public Health health() {
    return new Health(connected, lastError, since, counts);
  }

  private void run() {
    while (running) {
      try {
        if (System.nanoTime() - countedAt > TimeUnit.SECONDS.toNanos(1)) {
          // At most once a second: a backlog drains without a count of the whole queue per message.
          counts = store.deliveryCounts(Pcd01Out.QUEUE).get(10, TimeUnit.SECONDS);
          countedAt = System.nanoTime();
        }
        Optional<QueuedDelivery> next = store.nextDelivery(Pcd01Out.QUEUE).get(10, TimeUnit.SECONDS);
        if (next.isEmpty()) {
          if (socket == null) {
            // Idle, but the link is kept up: /health tells of an unreachable engine before a value waits.
            try {
              connect();
            } catch (IOException e) {
              state(false, "interface engine " + settings.host() + ":" + settings.port() + ": " + e.getMessage());
              pause();
              continue;
            }
          }
          synchronized (wake) {
            wake.wait(1000);
          }
          continue;
        }
        send(next.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (running) {
          LOG.error("HL7 delivery: {}", e.toString());
          pause();
        }
      }
    }
  }

  private void send(QueuedDelivery row) throws Exception {
    try {
      connect();
      OutputStream out = socket.getOutputStream();
      out.write(MllpDecoder.frame(new String(row.payload(), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
      out.flush();
      Hl7Ack ack = awaitAck(row.key());
      if (ack == null) {
        fail(row, "no acknowledgement of " + row.key() + " within " + settings.ackTimeout().toSeconds() + " s");
      } else if (ack.accepted()) {
        store.delivered(row.seq(), clock.now()).get(10, TimeUnit.SECONDS);
        backoff.reset();
        lastError = null;
      } else {
        park(row, ack);
      }
    } catch (IOException e) {
      fail(row, "interface engine " + settings.host() + ":" + settings.port() + ": " + e.getMessage());
    }
  }

  private void connect() throws IOException {
    if (socket != null && !socket.isClosed()) {
      return;
    }
    Socket s = new Socket();
    s.connect(new InetSocketAddress(settings.host(), settings.port()), 5000);
    s.setTcpNoDelay(true);
    if (settings.tls() != null) {
      s = tls(s);
    }
    socket = s;
    decoder = new MllpDecoder(1 << 20, StandardCharsets.UTF_8);
    state(true, null);
    LOG.info("connected to the interface engine {}:{}{}", settings.host(), settings.port(),
        settings.tls() == null ? "" : " (TLS)");
  }

  /** MLLP over TLS: TLS 1.3 or 1.2, the engine's certificate checked against the site's CA and its name. */
  private Socket tls(Socket plain) throws IOException {
    javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) settings.tls().getSocketFactory()
        .createSocket(plain, settings.host(), settings.port(), true);
    tls.setEnabledProtocols(org.procroom.gateway.api.TlsSettings.protocols());
    javax.net.ssl.SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(parameters);
    tls.setSoTimeout(10_000);
    try {
      tls.startHandshake();
    } catch (IOException e) {
      tls.close();
      throw new IOException("TLS with the interface engine failed: " + e.getMessage(), e);
    }
    return tls;
  }

  /** Reads frames until the acknowledgement of {@code controlId}; others (a wrong MSA-2) are logged and skipped. */
  private Hl7Ack awaitAck(String controlId) throws IOException {
    long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    Hl7Ack[] found = {null};
    while (found[0] == null) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return null;
      }
      socket.setSoTimeout((int) Math.max(1, left));
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        return null;
      }
      if (n < 0) {
        throw new IOException("the connection was closed before the acknowledgement");
      }
      decoder.decode(buffer, 0, n, frame -> {
        if (frame instanceof MllpFrame.Message message) {
          Hl7Ack ack = Hl7Ack.read(message.text());
          // An engine that cannot read a message often refuses it without naming it (MSA-2 empty):
          // that refusal is of the one message in flight.
          if (ack != null && (ack.controlId().equals(controlId) || (ack.controlId().isEmpty() && !ack.accepted()))) {
            found[0] = ack;
          } else {
            LOG.warn("interface engine answered {} while {} waits: not its acknowledgement",
                ack == null ? "a message without MSA" : "MSA-2 '" + ack.controlId() + "'", controlId);
          }
        } else {
          LOG.warn("interface engine sent a bad frame: {}", frame.invalidReason());
        }
      });
    }
    return found[0];
  }

  /** No valid acknowledgement: the message stays first in line and goes again on a new connection. */
  private void fail(QueuedDelivery row, String reason) throws Exception {
    closeSocket();
    state(false, reason);
    if (row.attempts() == 0 || !reason.equals(row.lastError())) {
      LOG.warn("HL7 message {} not delivered: {}; sending it again", row.key(), reason);
    }
    store.unacknowledged(row.seq(), reason, clock.now()).get(10, TimeUnit.SECONDS);
    pause();
  }

  private void park(QueuedDelivery row, Hl7Ack ack) throws Exception {
    String reason = ack.code() + (ack.text().isEmpty() ? "" : ": " + ack.text());
    LOG.warn("interface engine refused HL7 message {} ({}); parked for an operator", row.key(), reason);
    store.parked(row.seq(), reason, clock.now()).get(10, TimeUnit.SECONDS);
    // Parked is what an operator must see at once: counted now, not at the next second.
    counts = store.deliveryCounts(Pcd01Out.QUEUE).get(10, TimeUnit.SECONDS);
    countedAt = System.nanoTime();
    // Outside the record: the open procedure may be another patient's by now.
    store.append(CHARTING, new EventDraft(EventTypes.CHARTING_PARKED, null, clock.now(),
        new Parked(Pcd01Out.QUEUE, row.seq(), row.key(), row.procedureId(), reason, Severity.WARNING), true))
        .whenComplete((event, failure) -> {
          if (failure != null) {
            LOG.error("the alert for parked HL7 message {} was not stored: {}", row.key(), failure.getMessage());
          }
        });
  }

  /** Payload of {@code charting.parked}: which message the receiver refused, and its words. */
  record Parked(String queue, long seq, String messageKey, String procedureId, String reason, Severity severity) {}

  private void state(boolean up, String error) {
    if (up != connected) {
      since = clock.now();
    }
    connected = up;
    if (error != null) {
      lastError = error;
    }
  }

  private void pause() {
    try {
      Thread.sleep(backoff.next().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeSocket() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        LOG.debug("closing the interface engine connection: {}", e.getMessage());
      }
      socket = null;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
      if (thread.isAlive()) {
        // Blocked reading an acknowledgement: closing the socket ends the read.
        Socket s = socket;
        if (s != null) {
          s.close();
        }
        thread.join(3000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.debug("closing the interface engine connection: {}", e.getMessage());
    }
  }
}
