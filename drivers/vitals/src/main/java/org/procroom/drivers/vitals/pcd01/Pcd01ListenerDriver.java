package org.procroom.drivers.vitals.pcd01;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import org.procroom.drivers.transport.BoundedListener;
import org.procroom.drivers.transport.ListenerEvents;
import org.procroom.drivers.transport.ListenerOptions;
import org.procroom.drivers.transport.Throttle;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.DriverState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IHE PCD-01 Device Observation Consumer: an MLLP listener taking ORU^R01 from several monitors at
 * once: transport ({@link BoundedListener}, {@link MllpConnection}) -> codec (HAPI) -> mapping
 * ({@code vitals.observation}). Each message is acknowledged only after its event is committed:
 * AA, or AE/AR with the reason. Senders outside {@code allowedPeers} are refused with an alert;
 * complaints about one peer reach the log and the record once per interval, with a count.
 */
final class Pcd01ListenerDriver implements Driver {
  private static final Logger LOG = LoggerFactory.getLogger(Pcd01ListenerDriver.class);
  private static final Duration COMPLAINT_INTERVAL = Duration.ofSeconds(60);

  private final ListenerOptions listenerOptions;
  private final int maxMessage;
  private final MllpConnection.Timeouts timeouts;
  private final VitalsEvents events;
  private final Pcd01Receiver receiver;
  private final Throttle complaints = new Throttle(COMPLAINT_INTERVAL);
  private DriverContext context;
  private BoundedListener listener;

  Pcd01ListenerDriver(ListenerOptions listenerOptions, int maxMessage, MllpConnection.Timeouts timeouts,
      VitalsEvents events, Pcd01Receiver receiver) {
    this.listenerOptions = listenerOptions;
    this.maxMessage = maxMessage;
    this.timeouts = timeouts;
    this.events = events;
    this.receiver = receiver;
  }

  @Override
  public void start(DriverContext context) {
    this.context = context;
    listener = new BoundedListener(listenerOptions, this::serve, new StateReport());
    try {
      listener.start();
    } catch (IOException e) {
      context.state(DriverState.FAILED, "cannot listen for MLLP on " + listenerOptions.bindAddress() + ":"
          + listenerOptions.port() + ": " + e.getMessage());
    }
  }

  @Override
  public java.util.List<org.procroom.gateway.api.ListenerCounts> listeners() {
    return listener == null ? java.util.List.of() : java.util.List.of(listener.counts());
  }

  private void serve(Socket socket, Runnable releaseSlot) throws IOException {
    String peer = socket.getInetAddress().getHostAddress();
    LOG.debug("{}: monitor connected from {}", context.deviceId(), peer);
    new MllpConnection(socket, maxMessage, timeouts, context.clock()::now, message -> answer(message.text(), peer),
        new MllpConnection.Listener() {
          @Override
          public void bytes(int count) {
            context.received(count);
          }

          @Override
          public void invalid(String reason, Instant receivedAt) {
            complain(peer, reason + " (from " + peer + ")", false, receivedAt);
          }

          @Override
          public void closed(MllpConnection.Closed why, String reason) {
            if (why == MllpConnection.Closed.IDLE) {
              LOG.info("{}: {}", context.deviceId(), reason); // a monitor that went away frees its slot
            } else {
              complain(peer, reason, false, context.clock().now());
            }
          }
        }).serve();
  }

  private String answer(String message, String peer) {
    Pcd01Receiver.Answer answer = receiver.answer(message, context);
    if (answer.refusal() != null) {
      complain(peer, answer.refusal() + " (from " + peer + ")", false, context.clock().now());
    }
    return answer.ack();
  }

  /** Logs and records a complaint about a peer, once per peer per interval with a count of the rest. */
  private void complain(String peer, String reason, boolean refusedSender, Instant at) {
    long held = complaints.pass(peer + (refusedSender ? "/refused" : ""));
    if (held < 0) {
      return;
    }
    String text = complaints.withCount(reason, held);
    LOG.warn("{}: {}", context.deviceId(), text);
    context.emit(events.rejected("pcd01", text, peer, refusedSender, at));
  }

  private final class StateReport implements ListenerEvents {
    @Override
    public void listening(String description) {
      context.state(DriverState.CONNECTED, "listening for " + description);
    }

    @Override
    public void accepting(String reason) {
      context.state(DriverState.RECONNECTING, reason);
    }

    @Override
    public void failed(String reason) {
      context.state(DriverState.FAILED, reason);
    }

    @Override
    public void refused(InetAddress peer, Refusal why, String reason) {
      complain(peer.getHostAddress(), "connection from " + peer.getHostAddress() + " refused: " + reason,
          why == Refusal.NOT_ALLOWED, context.clock().now());
    }
  }

  @Override
  public void stop() {
    if (listener != null) {
      listener.close();
    }
    if (context != null) {
      context.state(DriverState.STOPPED, "stopped");
    }
  }
}
