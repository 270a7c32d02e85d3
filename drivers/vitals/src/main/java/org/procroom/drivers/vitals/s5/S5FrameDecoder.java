package org.procroom.drivers.vitals.s5;

import java.util.Arrays;
import java.util.function.Consumer;
import org.procroom.drivers.vitals.FrameBytes;

/**
 * Datex-Ohmeda S/5 serial framing: {@code 0x7E}, record bytes with 0x7E and 0x7D escaped as
 * 0x7D followed by the byte XOR 0x20, a checksum byte (sum of the record bytes mod 256, escaped
 * like any other byte), {@code 0x7E}. Resynchronises on the next flag after noise, a bad checksum
 * or an over-long frame. One decoder per connection; not thread-safe.
 */
public final class S5FrameDecoder {
  static final int FLAG = 0x7E;
  static final int ESCAPE = 0x7D;

  private enum State { HUNT, FRAME, ESCAPED, DISCARD }

  private final int maxRecord;
  /** The record and its checksum byte, unescaped. */
  private final FrameBytes frame;
  private State state = State.HUNT;

  public S5FrameDecoder(int maxRecord) {
    this.maxRecord = maxRecord;
    this.frame = new FrameBytes(maxRecord + 1);
  }

  public void decode(byte[] buffer, int offset, int length, Consumer<S5Frame> out) {
    for (int i = offset; i < offset + length; i++) {
      int b = buffer[i] & 0xFF;
      switch (state) {
        case HUNT, DISCARD -> {
          if (b == FLAG) {
            startFrame();
          }
        }
        case FRAME -> {
          if (b == FLAG) {
            if (frame.size() > 0) {
              out.accept(finish());
            }
            startFrame();
          } else if (b == ESCAPE) {
            state = State.ESCAPED;
          } else {
            append(b, out);
          }
        }
        case ESCAPED -> {
          if (b == FLAG) {
            out.accept(new S5Frame.Invalid("escape byte 0x7D directly before a flag: frame aborted"));
            startFrame();
          } else {
            state = State.FRAME;
            append(b ^ 0x20, out);
          }
        }
      }
    }
  }

  /** Drops a partial frame, e.g. after the link was lost mid-frame. */
  public void reset() {
    frame.clear();
    state = State.HUNT;
  }

  private void startFrame() {
    frame.clear();
    state = State.FRAME;
  }

  private void append(int b, Consumer<S5Frame> out) {
    if (!frame.add(b)) {
      out.accept(new S5Frame.Invalid("frame longer than " + maxRecord + " bytes without a closing flag: discarded"));
      frame.clear();
      state = State.DISCARD;
    }
  }

  private S5Frame finish() {
    byte[] bytes = frame.toArray();
    int size = bytes.length;
    if (size < 2) {
      return new S5Frame.Invalid("frame of " + size + " byte is too short for a record and checksum");
    }
    int sum = 0;
    for (int i = 0; i < size - 1; i++) {
      sum += bytes[i] & 0xFF;
    }
    int expected = sum & 0xFF;
    int actual = bytes[size - 1] & 0xFF;
    if (expected != actual) {
      return new S5Frame.Invalid(String.format("checksum 0x%02X, expected 0x%02X: frame of %d bytes dropped",
          actual, expected, size));
    }
    return new S5Frame.Record(Arrays.copyOf(bytes, size - 1));
  }
}
