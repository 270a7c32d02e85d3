package org.procroom.drivers.serial;

import java.time.Instant;
import org.procroom.gateway.api.DriverState;

/** Receives what a {@link DeviceLink} reads, on the link's own reader thread. */
public interface LinkListener {
  /** Bytes as they came off the wire; {@code bytes} is reused after the call returns. */
  void onBytes(byte[] bytes, int length, Instant receivedAt);

  void onState(DriverState state, String reason);

  /** The link is (re)connected: a protocol that must ask for data asks here. */
  default void onConnected(DeviceLink link) {}
}
