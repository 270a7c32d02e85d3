package org.procroom.drivers.vitals.s5;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.procroom.drivers.vitals.Mdc;
import org.procroom.drivers.vitals.Observation;
import org.procroom.drivers.vitals.ObservationSet;

/**
 * Displayed values of the basic physiological class: the 270-byte class block of a type-1
 * subrecord (after its u32 time), groups of a 6-byte header (u32 status: bit 0 exists, bit 1
 * active; u16 label) then int16 values. Values below -32001 are markers, never numbers.
 */
public final class S5BasicClass {
  static final int SUBRECORD_DISPLAYED = 1;
  static final int BLOCK_START = 4;
  static final int BLOCK_LENGTH = 270;

  /** One value: its group's header offset, its own offset, and its scale to the unit of {@link Mdc}. */
  private record Field(Mdc mdc, int groupHeader, int offset, double scale) {}

  private static final List<Field> FIELDS = List.of(
      new Field(Mdc.MDC_ECG_HEART_RATE, 0, 6, 1),
      new Field(Mdc.MDC_PRESS_BLD_ART_ABP_SYS, 16, 22, 0.01),
      new Field(Mdc.MDC_PRESS_BLD_ART_ABP_DIA, 16, 24, 0.01),
      new Field(Mdc.MDC_PRESS_BLD_ART_ABP_MEAN, 16, 26, 0.01),
      new Field(Mdc.MDC_PRESS_CUFF_SYS, 72, 78, 0.01),
      new Field(Mdc.MDC_PRESS_CUFF_DIA, 72, 80, 0.01),
      new Field(Mdc.MDC_PRESS_CUFF_MEAN, 72, 82, 0.01),
      new Field(Mdc.MDC_TEMP_BODY, 86, 92, 0.01),
      new Field(Mdc.MDC_PULS_OXIM_SAT_O2, 118, 124, 0.01),
      new Field(Mdc.MDC_PULS_OXIM_PULS_RATE, 118, 126, 1),
      new Field(Mdc.MDC_AWAY_CO2_ET, 132, 138, 0.01),
      new Field(Mdc.MDC_RESP_RATE, 132, 142, 1));

  private S5BasicClass() {}

  /** The observations of a physiological record, or empty when it holds no basic displayed values. */
  public static Optional<ObservationSet> observations(S5Record record) {
    if (record.mainType() != S5Record.MAIN_PHYSIOLOGICAL) {
      return Optional.empty();
    }
    for (S5Record.Subrecord sub : record.subrecords()) {
      ByteBuffer b = sub.bytes();
      if (sub.type() != SUBRECORD_DISPLAYED || b.limit() < BLOCK_START + BLOCK_LENGTH + 4) {
        continue;
      }
      int classBits = (b.getShort(BLOCK_START + BLOCK_LENGTH + 2) >> 8) & 0x0F;
      if (classBits != 0) {
        continue;
      }
      List<Observation> observations = new ArrayList<>();
      for (Field f : FIELDS) {
        int status = b.getInt(BLOCK_START + f.groupHeader());
        if ((status & 0x1) == 0) {
          continue;
        }
        short raw = b.getShort(BLOCK_START + f.offset());
        String marker = marker(raw);
        observations.add(marker == null ? f.mdc().value(Math.round(raw * f.scale() * 100) / 100.0) : f.mdc().noValue(marker));
      }
      return Optional.of(new ObservationSet("s5", record.time(), null, observations, List.of()));
    }
    return Optional.empty();
  }

  /** The S/5 invalid-data markers, by name; null for a real value. */
  static String marker(short raw) {
    return switch (raw) {
      case -32767 -> "invalid";
      case -32766 -> "not-updated";
      case -32765 -> "discontinuity";
      case -32764 -> "under-range";
      case -32763 -> "over-range";
      case -32762 -> "not-calibrated";
      default -> raw < -32001 ? "marker " + raw : null;
    };
  }
}
