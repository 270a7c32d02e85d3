package org.procroom.drivers.serial;

import java.time.Instant;
import org.procroom.gateway.api.DriverState;

/** Receives what a {@link LineSource} reads, on the source's own reader thread. */
public interface LineListener {
  void onFrame(LineFrame frame, Instant receivedAt);

  void onState(DriverState state, String reason);

  /** Raw bytes read, before framing (the commissioning view counts them). */
  void onReceived(int length);
}
