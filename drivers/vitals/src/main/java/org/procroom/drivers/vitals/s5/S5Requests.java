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
    ByteBuffer b = ByteBuffer.allocate(49).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(0, (short) 49);
    b.putShort(14, (short) S5Record.MAIN_PHYSIOLOGICAL);
    b.putShort(16, (short) 0);
    b.put(18, (byte) 0);
    b.put(21, (byte) 0xFF);
    b.put(40, (byte) RECORD_TYPE_DISPLAYED);
    b.putShort(41, (short) intervalSeconds);
    b.putInt(43, CLASS_BASIC);
    return b.array();
  }
}
