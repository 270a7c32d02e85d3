package org.procroom.drivers.serial;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines ended by CR, LF or CRLF (a CRLF pair ends one line, not two).
 * Empty lines are skipped. A line longer than the limit becomes one {@link LineFrame.Overlong}
 * instead of unbounded memory. Not thread-safe: one decoder per connection.
 */
public final class LineDecoder {
  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private final int maxLength;
  private final ByteArrayOutputStream current = new ByteArrayOutputStream();
  private int droppedLength;
  private boolean afterCr;

  public LineDecoder(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be positive");
    }
    this.maxLength = maxLength;
  }

  public void decode(byte[] buffer, int offset, int length, Consumer<LineFrame> out) {
    for (int i = offset; i < offset + length; i++) {
      byte b = buffer[i];
      if (b == LF && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = b == CR;
      if (b == CR || b == LF) {
        finishLine(out);
      } else if (droppedLength > 0 || current.size() == maxLength) {
        droppedLength = droppedLength == 0 ? current.size() + 1 : droppedLength + 1;
        current.reset();
      } else {
        current.write(b);
      }
    }
  }

  /** Forgets a partial line, e.g. after the link was lost mid-line. */
  public void reset() {
    current.reset();
    droppedLength = 0;
    afterCr = false;
  }

  private void finishLine(Consumer<LineFrame> out) {
    if (droppedLength > 0) {
      out.accept(new LineFrame.Overlong(droppedLength, maxLength));
    } else if (current.size() > 0) {
      out.accept(new LineFrame.Line(current.toByteArray()));
    }
    current.reset();
    droppedLength = 0;
  }
}
