package org.procroom.gateway.charting.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.procroom.drivers.vitals.pcd01.MllpDecoder;
import org.procroom.drivers.vitals.pcd01.MllpFrame;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.charting.QueueSender;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.QueuedDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HL7 queue over MLLP to the interface engine, on one connection. An acknowledgement counts only
 * when MSA-2 is the MSH-10 sent: AA delivers it; AE or AR parks it with the receiver's text; no
 * valid acknowledgement within the timeout sends the same message again on a new connection.
 */
public final class Hl7Delivery extends QueueSender {
  private static final Logger LOG = LoggerFactory.getLogger(Hl7Delivery.class);

  private final Hl7Settings settings;
  private volatile Socket socket;
  private MllpDecoder decoder;

  public Hl7Delivery(Hl7Settings settings, EventStore store, GatewayClock clock) {
    super(Pcd01Out.QUEUE, store, clock, settings.reconnectInitial(), settings.reconnectMax());
    this.settings = settings;
  }

  @Override
  protected String receiver() {
    return "interface engine " + settings.host() + ":" + settings.port();
  }

  @Override
  protected String idle() {
    if (socket != null) {
      return null;
    }
    try {
      connect();
      return null;
    } catch (IOException e) {
      return receiver() + ": " + e.getMessage();
    }
  }

  @Override
  protected Outcome send(QueuedDelivery row) {
    try {
      connect();
      OutputStream out = socket.getOutputStream();
      out.write(MllpDecoder.frame(new String(row.payload(), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
      out.flush();
      Hl7Ack ack = awaitAck(row.key());
      if (ack == null) {
        return new Outcome.NotDelivered("no acknowledgement of " + row.key() + " within "
            + settings.ackTimeout().toSeconds() + " s");
      }
      return ack.accepted() ? new Outcome.Delivered(ack.code())
          : new Outcome.Refused(ack.code() + (ack.text().isEmpty() ? "" : ": " + ack.text()));
    } catch (IOException e) {
      return new Outcome.NotDelivered(receiver() + ": " + e.getMessage());
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
    LOG.info("connected to the {}{}", receiver(), settings.tls() == null ? "" : " (TLS)");
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

  @Override
  protected void disconnect() {
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.debug("closing the interface engine connection: {}", e.getMessage());
      }
      socket = null;
    }
  }
}
