package org.procroom.drivers.vitals.intellivue;

import java.nio.ByteBuffer;

/** Bounds-checked big-endian reads: a message too short for a field fails naming that field. */
final class Wire {
  private Wire() {}

  /** A message whose bytes do not fit its own structure; the text names the field. */
  static final class Malformed extends RuntimeException {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  static int u8(ByteBuffer b, String field) {
    need(b, 1, field);
    return b.get() & 0xFF;
  }

  static int u16(ByteBuffer b, String field) {
    need(b, 2, field);
    return b.getShort() & 0xFFFF;
  }

  static long u32(ByteBuffer b, String field) {
    need(b, 4, field);
    return b.getInt() & 0xFFFFFFFFL;
  }

  static int s32(ByteBuffer b, String field) {
    need(b, 4, field);
    return b.getInt();
  }

  /** The next {@code length} bytes as a buffer of their own; the source moves past them. */
  static ByteBuffer slice(ByteBuffer b, int length, String field) {
    need(b, length, field);
    ByteBuffer out = b.slice(b.position(), length);
    b.position(b.position() + length);
    return out;
  }

  /** A length field that must equal what follows it. */
  static ByteBuffer exactly(ByteBuffer b, int length, String field) {
    if (length != b.remaining()) {
      throw new Malformed(field + " length " + length + " for the " + b.remaining() + " bytes that follow");
    }
    return slice(b, length, field);
  }

  /** A String: byte length, then UTF-16 (big-endian) code units; trailing NULs are padding. */
  static String string(ByteBuffer b, String field) {
    ByteBuffer s = slice(b, u16(b, field + " length"), field);
    if (s.remaining() % 2 != 0) {
      throw new Malformed(field + ": " + s.remaining() + " bytes, not whole UTF-16 code units");
    }
    byte[] bytes = new byte[s.remaining()];
    s.get(bytes);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_16BE).replaceAll("\u0000+$", "").strip();
  }

  private static void need(ByteBuffer b, int n, String field) {
    if (b.remaining() < n) {
      throw new Malformed(field + ": needs " + n + " bytes, " + b.remaining() + " left");
    }
  }
}
