package org.procroom.drivers.ultrasound.scp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Follows the PDUs the toolkit writes to the peer and reports the moment the association is over
 * from our side: an A-RELEASE-RP, A-ABORT or A-ASSOCIATE-RJ. PixelMed keeps the thread a further
 * five seconds before closing the connection; the association no longer counts from here.
 */
final class PduWatcher extends FilterOutputStream {
  private static final int ASSOCIATE_RJ = 0x03;
  private static final int RELEASE_RP = 0x06;
  private static final int ABORT = 0x07;
  private static final int HEADER = 6;

  private final Runnable onEnded;
  private final byte[] header = new byte[HEADER];
  private int headerBytes;
  private long remaining;

  PduWatcher(OutputStream out, Runnable onEnded) {
    super(out);
    this.onEnded = onEnded;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    follow(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
    follow(bytes, offset, length);
  }

  private void follow(byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      if (headerBytes < HEADER) {
        header[headerBytes++] = bytes[i++];
        if (headerBytes == HEADER) {
          remaining = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8)
              | (header[5] & 0xFF);
          int type = header[0] & 0xFF;
          if (type == RELEASE_RP || type == ABORT || type == ASSOCIATE_RJ) {
            onEnded.run();
          }
          if (remaining == 0) {
            headerBytes = 0;
          }
        }
      } else {
        int skip = (int) Math.min(remaining, end - i);
        i += skip;
        remaining -= skip;
        if (remaining == 0) {
          headerBytes = 0;
        }
      }
    }
  }
}
