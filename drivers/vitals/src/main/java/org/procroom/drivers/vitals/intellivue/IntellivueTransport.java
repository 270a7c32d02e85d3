package org.procroom.drivers.vitals.intellivue;

import java.io.IOException;
import java.time.Instant;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.GatewayClock;

/** How Data Export messages reach a monitor: UDP on the LAN, or MIB/RS-232 frames on a serial line. */
interface IntellivueTransport {
  /** What a transport hands its driver, from its own thread. */
  interface Receiver {
    void message(byte[] message, Instant receivedAt);

    /** Bytes that are not a message (a bad frame, a datagram from another address), with the reason. */
    void rejected(String reason, Instant receivedAt);

    /** The link came up (a serial cable, the beacon that named the monitor's address). */
    void connected();

    /** Called a few times a second, so the dialogue can keep its timers. */
    void tick(Instant now);

    /** The link's own state (a serial line opened or lost; UDP failing; stopped). */
    void linkState(DriverState state, String reason);
  }

  void start(Receiver receiver, GatewayClock clock);

  void send(byte[] message) throws IOException;

  void stop();
}
