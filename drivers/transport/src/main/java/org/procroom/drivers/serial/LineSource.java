package org.procroom.drivers.serial;

import java.time.Instant;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.GatewayClock;

/** A line-oriented device (scanners, Masimo ASCII): a {@link DeviceLink} with the {@link LineDecoder} on top. */
public final class LineSource {
  private final DeviceLink link;

  private LineSource(String name, LineTransportOptions options, GatewayClock clock, LineListener listener) {
    LineDecoder decoder = new LineDecoder(options.maxLineLength());
    link = DeviceLink.open(name, options, clock, new LinkListener() {
      @Override
      public void onBytes(byte[] bytes, int length, Instant receivedAt) {
        listener.onReceived(length);
        decoder.decode(bytes, 0, length, frame -> listener.onFrame(frame, receivedAt));
      }

      @Override
      public void onState(DriverState state, String reason) {
        listener.onState(state, reason);
      }

      @Override
      public void onConnected(DeviceLink connected) {
        decoder.reset();
      }
    });
  }

  public static LineSource open(String name, LineTransportOptions options, GatewayClock clock, LineListener listener) {
    return new LineSource(name, options, clock, listener);
  }

  public void start() {
    link.start();
  }

  public void stop() {
    link.stop();
  }
}
