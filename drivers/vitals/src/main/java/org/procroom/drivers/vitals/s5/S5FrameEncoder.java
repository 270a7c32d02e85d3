package org.procroom.drivers.vitals.s5;

import java.io.ByteArrayOutputStream;

/** Frames a record for the wire: flag, escaped record and checksum, flag. */
public final class S5FrameEncoder {
  private S5FrameEncoder() {}

  public static byte[] frame(byte[] record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(record.length + 8);
    out.write(S5FrameDecoder.FLAG);
    int sum = 0;
    for (byte b : record) {
      sum += b & 0xFF;
      escaped(out, b & 0xFF);
    }
    escaped(out, sum & 0xFF);
    out.write(S5FrameDecoder.FLAG);
    return out.toByteArray();
  }

  private static void escaped(ByteArrayOutputStream out, int b) {
    if (b == S5FrameDecoder.FLAG || b == S5FrameDecoder.ESCAPE) {
      out.write(S5FrameDecoder.ESCAPE);
      out.write(b ^ 0x20);
    } else {
      out.write(b);
    }
  }
}
