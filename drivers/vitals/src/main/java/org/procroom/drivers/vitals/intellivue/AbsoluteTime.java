package org.procroom.drivers.vitals.intellivue;

import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * AbsoluteTime: eight BCD bytes (century, year, month, day, hour, minute, second, hundredths) in
 * the monitor's local time. All 0xFF means "not set"; other non-BCD bytes are malformed.
 */
final class AbsoluteTime {
  private AbsoluteTime() {}

  static Optional<LocalDateTime> read(ByteBuffer b, String field) {
    int[] d = new int[8];
    boolean unset = true;
    for (int i = 0; i < 8; i++) {
      int raw = Wire.u8(b, field);
      unset &= raw == 0xFF;
      d[i] = raw;
    }
    if (unset) {
      return Optional.empty();
    }
    for (int i = 0; i < 8; i++) {
      if ((d[i] >> 4) > 9 || (d[i] & 0xF) > 9) {
        throw new Wire.Malformed(String.format("%s: byte %d (0x%02X) is not BCD", field, i + 1, d[i]));
      }
      d[i] = (d[i] >> 4) * 10 + (d[i] & 0xF);
    }
    try {
      return Optional.of(LocalDateTime.of(d[0] * 100 + d[1], d[2], d[3], d[4], d[5], d[6], d[7] * 10_000_000));
    } catch (DateTimeException e) {
      throw new Wire.Malformed(field + ": not a date and time (" + e.getMessage() + ")");
    }
  }
}
