package org.procroom.drivers.vitals.masimo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.procroom.drivers.serial.LineDriver;
import org.procroom.drivers.serial.LineFrame;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.drivers.vitals.VitalsEvents;

/** Masimo "ASCII 1": transport (lines, 9600 8N1) -> codec (KEY=value) -> mapping ({@code vitals.observation}). */
final class MasimoDriver extends LineDriver {
  private final ZoneId zone;
  private final VitalsEvents events;

  MasimoDriver(LineTransportOptions options, ZoneId zone, VitalsEvents events) {
    super(options);
    this.zone = zone;
    this.events = events;
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
}
