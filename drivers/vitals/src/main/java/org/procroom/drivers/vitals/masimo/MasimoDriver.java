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
    if (!frame.valid()) {
      context.emit(events.rejected("masimo", frame.invalidReason(), receivedAt));
      return;
    }
    MasimoAscii.Parsed parsed = MasimoAscii.parse(new String(frame.value(), StandardCharsets.US_ASCII), zone);
    context.emit(parsed.valid() ? events.observation(parsed.value(), receivedAt)
        : events.rejected("masimo", parsed.invalidReason(), receivedAt));
  }
}
