package org.procroom.drivers.vitals.intellivue;

import java.io.ByteArrayOutputStream;

/**
 * One Data Export message as a MIB/RS-232 frame: BOF, then header (protocol 0x11, type 0x01, u16
 * length), message and FCS-16 (over header and message, least significant byte first), each byte
 * of them that is BOF, EOF or the escape sent as the escape and the byte XOR 0x20, then EOF.
 */
public final class MibFrameEncoder {
  private MibFrameEncoder() {}

  public static byte[] frame(byte[] message) {
    if (message.length > 0xFFFF) {
      throw new IllegalArgumentException("a message of " + message.length + " bytes does not fit a frame");
    }
    byte[] header = {MibFrameDecoder.PROTOCOL_ID, MibFrameDecoder.MESSAGE_TYPE, (byte) (message.length >> 8),
        (byte) message.length};
    int fcs = Fcs16.update(Fcs16.update(Fcs16.INITIAL, header, 0, 4), message, 0, message.length) ^ 0xFFFF;
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 16);
    out.write(MibFrameDecoder.BOF);
    escaped(out, header);
    escaped(out, message);
    escaped(out, new byte[] {(byte) fcs, (byte) (fcs >> 8)});
    out.write(MibFrameDecoder.EOF);
    return out.toByteArray();
  }

  private static void escaped(ByteArrayOutputStream out, byte[] bytes) {
    for (byte b : bytes) {
      int v = b & 0xFF;
      if (v == MibFrameDecoder.BOF || v == MibFrameDecoder.EOF || v == MibFrameDecoder.ESCAPE) {
        out.write(MibFrameDecoder.ESCAPE);
        out.write(v ^ 0x20);
      } else {
        out.write(v);
      }
    }
  }
}
