package org.procroom.gateway.api;

/**
 * A device driver: transport, codec and the mapping of decoded messages to events. The gateway
 * starts it once with its context and stops it once. A driver reports its connection state and
 * emits events only through the context; the gateway keeps its status, publishes state changes
 * as events and acknowledges each event once it is committed.
 */
public interface Driver {
  /** Starts the driver; returns quickly. Blocking device I/O belongs on the driver's own threads. */
  void start(DriverContext context);

  /** Stops the driver and releases its port or socket; returns when it no longer emits. */
  void stop();

  /** The driver's network listeners, for {@code /metrics}; none for a driver that connects out. */
  default java.util.List<ListenerCounts> listeners() {
    return java.util.List.of();
  }
}
