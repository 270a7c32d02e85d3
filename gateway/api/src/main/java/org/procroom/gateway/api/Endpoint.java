package org.procroom.gateway.api;

import java.util.Optional;

/**
 * Something a driver opens on the box, as its settings say: what {@code procroom doctor} checks
 * before the gateway runs (a port another program holds, an adapter not plugged in).
 */
public sealed interface Endpoint {
  /** Empty for the driver's main endpoint, else what this one is for (e.g. {@code mpps}). */
  String name();

  /** A port the driver listens on. */
  record Listening(String name, String host, int port) implements Endpoint {}

  /**
   * A serial line: what the settings ask for (a path, or a USB identity) and the device path that
   * matches it now, empty when no plugged-in adapter does.
   */
  record SerialLine(String name, String wanted, Optional<String> path) implements Endpoint {}
}
