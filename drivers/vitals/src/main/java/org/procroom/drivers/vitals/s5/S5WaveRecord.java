package org.procroom.drivers.vitals.s5;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.procroom.gateway.api.Decoded;

/**
 * The waveform subrecords of an S/5 record of main type 1 (DRI_MT_WAVE): each a header
 * {@code act_len} (number of samples), {@code status} (bit field), {@code label} (reserved), then
 * {@code act_len} signed 16-bit samples, little-endian (Record Specification §5.2, Table 5-1).
 */
public final class S5WaveRecord {
  public static final int MAIN_WAVEFORM = 1;
  /** "There has been a sampling gap": an undefined number of samples lost before this subrecord. */
  public static final int STATUS_GAP = 0x0001;
  public static final int STATUS_PACER = 0x0004;
  public static final int STATUS_LEAD_OFF = 0x0008;
  /** "Values less or equal to -32000 are no true measurement data but control codes" (§5.2.1). */
  public static final int CONTROL_CODE_LIMIT = -32000;
  private static final int HEADER = 6;

  /** One subrecord as sent. */
  public record Wave(int type, int status, short[] samples) {
    public Wave {
      samples = samples.clone();
    }

    @Override
    public short[] samples() {
      return samples.clone();
    }
  }

  /** The subrecords, or why the record does not hold them. */
  public record Parsed(List<Wave> waves, String error) implements Decoded<List<Wave>> {
    @Override
    public List<Wave> value() {
      return waves;
    }

    @Override
    public String invalidReason() {
      return error;
    }
  }

  private S5WaveRecord() {}

  public static Parsed parse(S5Record record) {
    if (record.mainType() != MAIN_WAVEFORM) {
      return new Parsed(null, "main type " + record.mainType() + " is not a waveform record (1)");
    }
    List<Wave> waves = new ArrayList<>();
    for (S5Record.Subrecord s : record.subrecords()) {
      ByteBuffer b = s.bytes();
      if (b.remaining() < HEADER) {
        return new Parsed(null, "waveform subrecord of type " + s.type() + " has " + b.remaining()
            + " bytes, fewer than its 6-byte header");
      }
      int count = b.getShort(0);
      if (count < 0 || HEADER + 2 * count > b.remaining()) {
        return new Parsed(null, "waveform subrecord of type " + s.type() + " says " + count + " samples but holds "
            + Math.max(0, (b.remaining() - HEADER) / 2));
      }
      short[] samples = new short[count];
      for (int i = 0; i < count; i++) {
        samples[i] = b.getShort(HEADER + 2 * i);
      }
      waves.add(new Wave(s.type(), b.getShort(2) & 0xFFFF, samples));
    }
    return new Parsed(List.copyOf(waves), null);
  }

  /** The name of a control code (Record Specification Table 3-9), for a gap's cause. */
  public static String controlCode(int sample) {
    return switch (sample) {
      case -32767 -> "invalid (-32767)";
      case -32766 -> "not updated (-32766)";
      case -32765 -> "discontinuity (-32765)";
      case -32764 -> "under range (-32764)";
      case -32763 -> "over range (-32763)";
      case -32762 -> "not calibrated (-32762)";
      default -> "control code " + sample;
    };
  }
}
