package org.procroom.drivers.vitals.masimo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.procroom.drivers.serial.LineFrame;
import org.procroom.drivers.serial.LineListener;
import org.procroom.drivers.serial.LineSource;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.DriverState;

/** Masimo "ASCII 1": transport (lines, 9600 8N1) -> codec (KEY=value) -> mapping ({@code vitals.observation}). */
final class MasimoDriver implements Driver, LineListener {
  private final LineTransportOptions options;
  private final ZoneId zone;
  private final VitalsEvents events;
  private DriverContext context;
  private LineSource source;

  MasimoDriver(LineTransportOptions options, ZoneId zone, VitalsEvents events) {
    this.options = options;
    this.zone = zone;
    this.events = events;
  }

  @Override
  public void start(DriverContext context) {
    this.context = context;
    source = LineSource.open(context.deviceId(), options, context.clock(), this);
    source.start();
  }

  @Override
  public void stop() {
    if (source != null) {
      source.stop();
    }
  }

  @Override
  public void onFrame(LineFrame frame, Instant receivedAt) {
    if (frame instanceof LineFrame.Line line) {
      MasimoAscii.Parsed parsed = MasimoAscii.parse(new String(line.bytes(), StandardCharsets.US_ASCII), zone);
      context.emit(parsed.error() == null ? events.observation(parsed.set(), receivedAt)
          : events.rejected("masimo", parsed.error(), receivedAt));
    } else {
      LineFrame.Overlong overlong = (LineFrame.Overlong) frame;
      context.emit(events.rejected("masimo", "line of " + overlong.length() + " bytes exceeds the limit of "
          + overlong.limit(), receivedAt));
    }
  }

  @Override
  public void onState(DriverState state, String reason) {
    context.state(state, reason);
  }
}
