package org.procroom.drivers.serial;

import org.procroom.gateway.api.Decoded;
import java.util.Arrays;

/** What the line decoder produces: a complete line, or an explicit rejection of one. */
public sealed interface LineFrame extends Decoded<byte[]> {

  /** A line without its terminator. Bytes are kept as sent: scanners transmit GS (0x1D) inside data. */
  record Line(byte[] bytes) implements LineFrame, Decoded.Valid<byte[]> {
    public Line {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public byte[] value() {
      return bytes();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Line line && Arrays.equals(bytes, line.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Line[" + bytes.length + " bytes]";
    }
  }

  /** A line longer than the limit; its bytes were dropped up to the next terminator. */
  record Overlong(int length, int limit) implements LineFrame, Decoded.Invalid<byte[]> {
    @Override
    public String reason() {
      return "line of " + length + " bytes exceeds the limit of " + limit;
    }
  }
}
