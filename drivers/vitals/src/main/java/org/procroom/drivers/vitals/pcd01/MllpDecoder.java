package org.procroom.drivers.vitals.pcd01;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.function.Consumer;

/**
 * MLLP framing (HL7 v2 Minimal Lower Layer Protocol): {@code 0x0B}, message, {@code 0x1C 0x0D}.
 * Bytes outside a frame are skipped; a message over the size limit is rejected and skipped up to
 * its end block. One decoder per connection; not thread-safe.
 */
public final class MllpDecoder {
  static final int START = 0x0B;
  static final int END = 0x1C;
  static final int CR = 0x0D;

  private enum State { HUNT, MESSAGE, AFTER_END, OVERSIZED }

  private final int maxMessage;
  private final Charset charset;
  private final ByteArrayOutputStream message = new ByteArrayOutputStream(4096);
  private State state = State.HUNT;
  private boolean started;

  public MllpDecoder(int maxMessage, Charset charset) {
    this.maxMessage = maxMessage;
    this.charset = charset;
  }

  public void decode(byte[] buffer, int offset, int length, Consumer<MllpFrame> out) {
    for (int i = offset; i < offset + length; i++) {
      int b = buffer[i] & 0xFF;
      switch (state) {
        case HUNT -> {
          if (b == START) {
            message.reset();
            state = State.MESSAGE;
            started = true;
          }
        }
        case MESSAGE -> {
          if (b == END) {
            state = State.AFTER_END;
          } else if (b == START) {
            out.accept(new MllpFrame.Invalid("start block inside a message: the unfinished message was dropped"));
            message.reset();
          } else if (message.size() >= maxMessage) {
            out.accept(new MllpFrame.Invalid("message longer than " + maxMessage + " bytes: skipped"));
            state = State.OVERSIZED;
          } else {
            message.write(b);
          }
        }
        case AFTER_END -> {
          if (b == CR) {
            out.accept(new MllpFrame.Message(message.toString(charset)));
          } else {
            out.accept(new MllpFrame.Invalid(String.format("end block 0x1C followed by 0x%02X instead of 0x0D", b)));
          }
          message.reset();
          state = b == START ? State.MESSAGE : State.HUNT;
        }
        case OVERSIZED -> {
          if (b == END) {
            state = State.HUNT;
          }
        }
      }
    }
  }

  /** True once any start block was seen: the peer speaks MLLP at all. */
  public boolean started() {
    return started;
  }

  /** True between a start block and the end of that message: the peer owes us the rest. */
  public boolean inMessage() {
    return state != State.HUNT;
  }

  /** Wraps a message for the wire. */
  public static byte[] frame(String message, Charset charset) {
    byte[] body = message.getBytes(charset);
    byte[] framed = new byte[body.length + 3];
    framed[0] = START;
    System.arraycopy(body, 0, framed, 1, body.length);
    framed[body.length + 1] = END;
    framed[body.length + 2] = CR;
    return framed;
  }
}
