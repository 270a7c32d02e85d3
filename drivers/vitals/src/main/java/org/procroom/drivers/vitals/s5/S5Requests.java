package org.procroom.drivers.vitals.s5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Requests the gateway sends to an S/5 monitor. */
public final class S5Requests {
  static final int RECORD_TYPE_DISPLAYED = 1;
  static final int CLASS_BASIC = 0;

  private S5Requests() {}

  /**
   * "Send displayed values of the basic class every {@code intervalSeconds}" (0 stops): a
   * physiological record (main type 0) with one request subrecord (type 0): phdb_rcrd_type u8,
   * tx_interval int16, phdb_class_bf u32, 2 reserved bytes; 49 bytes in all.
   */
  public static byte[] displayedValues(int intervalSeconds) {
    ByteBuffer b = request(49, S5Record.MAIN_PHYSIOLOGICAL);
    b.put(40, (byte) RECORD_TYPE_DISPLAYED);
    b.putShort(41, (short) intervalSeconds);
    b.putInt(43, CLASS_BASIC);
    return b.array();
  }

  /**
   * "Send these waveforms continuously" (the types of {@link S5WaveTypes}, at most 8): a waveform
   * record (main type 1) with one DRI_WF_CMD subrecord (type 0): req_type int16 (0 start), res
   * int16, type[8] ended by 0xFF, addl_type[16] and reserved[2] zero; 72 bytes in all.
   */
  public static byte[] waveforms(java.util.List<Integer> types) {
    if (types.isEmpty() || types.size() > S5WaveTypes.MAX_WAVEFORMS) {
      throw new IllegalArgumentException("1 to 8 waveforms, not " + types.size());
    }
    ByteBuffer b = waveRequest(WAVE_START);
    for (int i = 0; i < types.size(); i++) {
      b.put(44 + i, types.get(i).byteValue());
    }
    if (types.size() < S5WaveTypes.MAX_WAVEFORMS) {
      b.put(44 + types.size(), (byte) 0xFF);
    }
    return b.array();
  }

  /** "Stop sending waveforms": req_type 1, type[0] = 0xFF. */
  public static byte[] stopWaveforms() {
    ByteBuffer b = waveRequest(WAVE_STOP);
    b.put(44, (byte) 0xFF);
    return b.array();
  }

  private static final int WAVE_START = 0;
  private static final int WAVE_STOP = 1;

  private static ByteBuffer waveRequest(int requestType) {
    ByteBuffer b = request(72, S5WaveRecord.MAIN_WAVEFORM);
    b.putShort(40, (short) requestType);
    return b;
  }

  /** A request record: r_len, main type, one subrecord of type 0 at offset 0, the list ended by 0xFF; all else 0. */
  private static ByteBuffer request(int length, int mainType) {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(0, (short) length);
    b.putShort(14, (short) mainType);
    b.putShort(16, (short) 0);
    b.put(18, (byte) 0);
    b.put(21, (byte) 0xFF);
    return b;
  }
}
