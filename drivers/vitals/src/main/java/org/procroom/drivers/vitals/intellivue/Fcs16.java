package org.procroom.drivers.vitals.intellivue;

/**
 * The frame check sequence of the IntelliVue MIB/RS-232 framing: the 16-bit FCS of PPP (RFC 1662,
 * CRC-16/X-25): polynomial x^16 + x^12 + x^5 + 1 processed least significant bit first, initial
 * value 0xFFFF, the ones' complement sent, low byte first. Over a frame with its FCS the running
 * value ends at {@link #GOOD}.
 */
public final class Fcs16 {
  public static final int INITIAL = 0xFFFF;
  /** The running value after a frame and its own (complemented) FCS: the frame is intact. */
  public static final int GOOD = 0xF0B8;
  private static final int REFLECTED_POLYNOMIAL = 0x8408;
  private static final int[] TABLE = new int[256];

  static {
    for (int b = 0; b < 256; b++) {
      int v = b;
      for (int bit = 0; bit < 8; bit++) {
        v = (v & 1) != 0 ? (v >>> 1) ^ REFLECTED_POLYNOMIAL : v >>> 1;
      }
      TABLE[b] = v;
    }
  }

  private Fcs16() {}

  /** The running value after {@code length} bytes from {@code fcs}. */
  public static int update(int fcs, byte[] bytes, int offset, int length) {
    int v = fcs;
    for (int i = offset; i < offset + length; i++) {
      v = (v >>> 8) ^ TABLE[(v ^ bytes[i]) & 0xFF];
    }
    return v;
  }

  /** The FCS a sender appends to {@code bytes}: the complemented running value (send low byte first). */
  public static int of(byte[] bytes) {
    return ~update(INITIAL, bytes, 0, bytes.length) & 0xFFFF;
  }
}
