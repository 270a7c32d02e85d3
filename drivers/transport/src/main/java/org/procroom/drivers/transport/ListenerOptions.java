package org.procroom.drivers.transport;

import java.time.Duration;
import java.util.Objects;
import javax.net.ServerSocketFactory;

/**
 * How a {@link BoundedListener} listens and whom it takes.
 *
 * @param name           what the log and the reasons call it, e.g. {@code MLLP}, {@code DICOM}
 * @param bindAddress    address to bind, e.g. {@code 0.0.0.0}
 * @param port           port to bind (0: any free one)
 * @param maxConnections connections served at once; more are closed at once
 * @param maxPerPeer     connections one peer address may hold at once, so one host cannot take every slot
 * @param peers          which peer addresses are taken at all
 * @param sockets        plain TCP or TLS
 * @param retryInitial   first pause after a failed accept (out of descriptors, aborted connection)
 * @param retryMax       longest pause between accept attempts
 * @param giveUpAfter    accept failing without a success this long: the listener reports it cannot go on
 */
public record ListenerOptions(String name, String bindAddress, int port, int maxConnections, int maxPerPeer,
    PeerFilter peers, ServerSocketFactory sockets, Duration retryInitial, Duration retryMax, Duration giveUpAfter) {
  public ListenerOptions {
    Objects.requireNonNull(name);
    Objects.requireNonNull(bindAddress);
    Objects.requireNonNull(peers);
    Objects.requireNonNull(sockets);
    if (maxConnections < 1 || maxPerPeer < 1) {
      throw new IllegalArgumentException("connection limits must be at least 1");
    }
  }

  /** Plain TCP, anyone, at most {@code maxConnections}, of which one peer may hold {@link #defaultPerPeer}. */
  public static ListenerOptions of(String name, String bindAddress, int port, int maxConnections) {
    return new ListenerOptions(name, bindAddress, port, maxConnections, defaultPerPeer(maxConnections),
        PeerFilter.anyone(), ServerSocketFactory.getDefault(), Duration.ofMillis(50), Duration.ofSeconds(2),
        Duration.ofMinutes(2));
  }

  /** Three quarters of the slots, rounded up: one host cannot take them all, a central station still gets most. */
  public static int defaultPerPeer(int maxConnections) {
    return Math.max(1, (maxConnections * 3 + 3) / 4);
  }

  public ListenerOptions withPort(int other) {
    return new ListenerOptions(name, bindAddress, other, maxConnections, maxPerPeer, peers, sockets, retryInitial,
        retryMax, giveUpAfter);
  }

  public ListenerOptions withPeers(PeerFilter filter) {
    return new ListenerOptions(name, bindAddress, port, maxConnections, maxPerPeer, filter, sockets, retryInitial,
        retryMax, giveUpAfter);
  }

  public ListenerOptions withMaxPerPeer(int limit) {
    return new ListenerOptions(name, bindAddress, port, maxConnections, limit, peers, sockets, retryInitial, retryMax,
        giveUpAfter);
  }

  public ListenerOptions withSockets(ServerSocketFactory factory) {
    return new ListenerOptions(name, bindAddress, port, maxConnections, maxPerPeer, peers, factory, retryInitial,
        retryMax, giveUpAfter);
  }

  public ListenerOptions withRetry(Duration initial, Duration max, Duration giveUp) {
    return new ListenerOptions(name, bindAddress, port, maxConnections, maxPerPeer, peers, sockets, initial, max,
        giveUp);
  }
}
