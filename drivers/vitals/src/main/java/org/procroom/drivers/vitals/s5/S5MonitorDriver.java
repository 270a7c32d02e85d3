package org.procroom.drivers.vitals.s5;

import java.io.IOException;
import java.time.Instant;
import org.procroom.drivers.serial.DeviceLink;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.drivers.serial.LinkListener;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.DriverState;

/**
 * GE Datex-Ohmeda S/5: transport (serial link, 19200 8E1 RTS/CTS) -> codec (frames, records,
 * basic class) -> mapping ({@code vitals.observation}). The displayed-values request is sent on
 * every connect, so a replugged cable resumes the data.
 */
final class S5MonitorDriver implements Driver, LinkListener {
  private final LineTransportOptions options;
  private final int intervalSeconds;
  private final VitalsEvents events;
  private final S5FrameDecoder decoder = new S5FrameDecoder(4096);
  private DriverContext context;
  private DeviceLink link;

  S5MonitorDriver(LineTransportOptions options, int intervalSeconds, VitalsEvents events) {
    this.options = options;
    this.intervalSeconds = intervalSeconds;
    this.events = events;
  }

  @Override
  public void start(DriverContext context) {
    this.context = context;
    link = DeviceLink.open(context.deviceId(), options, context.clock(), this);
    link.start();
  }

  @Override
  public void stop() {
    if (link != null) {
      link.stop();
    }
  }

  @Override
  public void onConnected(DeviceLink connected) {
    decoder.reset();
    try {
      connected.send(S5FrameEncoder.frame(S5Requests.displayedValues(intervalSeconds)));
    } catch (IOException e) {
      context.state(DriverState.RECONNECTING, "cannot send the displayed-values request: " + e.getMessage());
    }
  }

  @Override
  public void onBytes(byte[] bytes, int length, Instant receivedAt) {
    context.received(length);
    decoder.decode(bytes, 0, length, frame -> {
      if (!frame.valid()) {
        context.emit(events.rejected("s5", frame.invalidReason(), receivedAt));
        return;
      }
      S5Record.Parsed parsed = S5Record.parse(frame.value());
      if (!parsed.valid()) {
        context.emit(events.rejected("s5", parsed.invalidReason(), receivedAt));
        return;
      }
      S5BasicClass.observations(parsed.value()).ifPresent(set -> context.emit(events.observation(set, receivedAt)));
    });
  }

  @Override
  public void onState(DriverState state, String reason) {
    context.state(state, reason);
  }
}
