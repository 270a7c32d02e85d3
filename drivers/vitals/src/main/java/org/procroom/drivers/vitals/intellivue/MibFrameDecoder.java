package org.procroom.drivers.vitals.intellivue;

import java.util.Arrays;
import java.util.function.Consumer;
import org.procroom.drivers.vitals.FrameBytes;

/**
 * IntelliVue Data Export over MIB/RS-232 (115200 8N1): {@code 0xC0}, then header (protocol id
 * 0x11, message type 0x01, the message's length, two bytes big-endian), the message and its FCS
 * ({@link Fcs16}, over header and message, low byte first), all with 0xC0, 0xC1 and 0x7D escaped as
 * 0x7D followed by the byte XOR 0x20, then {@code 0xC1}. {@code 0x7D 0xC1} aborts a frame. A frame
 * that is too short, of another protocol, of a length other than its header says, or whose FCS does
 * not check is rejected with the reason; the decoder then hunts for the next start. One decoder per
 * port; not thread-safe.
 */
public final class MibFrameDecoder {
  static final int BOF = 0xC0;
  static final int EOF = 0xC1;
  static final int ESCAPE = 0x7D;
  static final int PROTOCOL_ID = 0x11;
  static final int MESSAGE_TYPE = 0x01;
  private static final int HEADER = 4;
  private static final int FCS = 2;

  private enum State { HUNT, FRAME, ESCAPED, DISCARD }

  private final int maxMessage;
  /** Header, message and FCS, unescaped. */
  private final FrameBytes frame;
  private State state = State.HUNT;

  /** {@code maxMessage}: the longest message accepted; a longer frame is dropped and said so. */
  public MibFrameDecoder(int maxMessage) {
    this.maxMessage = maxMessage;
    this.frame = new FrameBytes(HEADER + maxMessage + FCS);
  }

  public void decode(byte[] buffer, int offset, int length, Consumer<MibFrame> out) {
    for (int i = offset; i < offset + length; i++) {
      int b = buffer[i] & 0xFF;
      switch (state) {
        case HUNT -> {
          if (b == BOF) {
            start();
          }
        }
        case DISCARD -> {
          if (b == BOF) {
            start();
          } else if (b == EOF) {
            state = State.HUNT;
          }
        }
        case FRAME -> {
          if (b == EOF) {
            out.accept(finish());
            state = State.HUNT;
          } else if (b == BOF) {
            out.accept(new MibFrame.Invalid("start of frame after " + frame.size() + " bytes without an end: the partial"
                + " frame is dropped"));
            start();
          } else if (b == ESCAPE) {
            state = State.ESCAPED;
          } else {
            append(b, out);
          }
        }
        case ESCAPED -> {
          if (b == EOF) {
            out.accept(new MibFrame.Invalid("frame aborted by the sender (0x7D 0xC1) after " + frame.size() + " bytes"));
            state = State.HUNT;
          } else if (b == BOF) {
            out.accept(new MibFrame.Invalid("escape byte 0x7D directly before a start of frame: frame dropped"));
            start();
          } else {
            state = State.FRAME;
            append(b ^ 0x20, out);
          }
        }
      }
    }
  }

  /** Drops a partial frame, e.g. after the port was closed mid-frame. */
  public void reset() {
    frame.clear();
    state = State.HUNT;
  }

  private void start() {
    frame.clear();
    state = State.FRAME;
  }

  private void append(int b, Consumer<MibFrame> out) {
    if (!frame.add(b)) {
      out.accept(new MibFrame.Invalid("frame longer than a " + maxMessage + "-byte message without an end: discarded"));
      frame.clear();
      state = State.DISCARD;
    }
  }

  private MibFrame finish() {
    byte[] bytes = frame.toArray();
    int size = bytes.length;
    if (size < HEADER + FCS) {
      return new MibFrame.Invalid("frame of " + size + " bytes is shorter than a header and FCS");
    }
    int protocol = bytes[0] & 0xFF;
    int type = bytes[1] & 0xFF;
    int declared = (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF;
    int carried = size - HEADER - FCS;
    if (Fcs16.update(Fcs16.INITIAL, bytes, 0, size) != Fcs16.GOOD) {
      int sent = (bytes[size - 2] & 0xFF) | (bytes[size - 1] & 0xFF) << 8;
      return new MibFrame.Invalid(String.format("FCS 0x%04X does not check (expected 0x%04X): frame of %d bytes dropped",
          sent, Fcs16.of(Arrays.copyOf(bytes, size - FCS)), size));
    }
    if (protocol != PROTOCOL_ID) {
      return new MibFrame.Invalid(String.format("protocol id 0x%02X, not Data Export (0x11): frame dropped", protocol));
    }
    if (type != MESSAGE_TYPE) {
      return new MibFrame.Invalid(String.format("message type 0x%02X, not 0x01: frame dropped", type));
    }
    if (declared != carried) {
      return new MibFrame.Invalid("header says " + declared + " bytes, the frame carries " + carried + ": dropped");
    }
    return new MibFrame.Message(Arrays.copyOfRange(bytes, HEADER, HEADER + carried));
  }
}
