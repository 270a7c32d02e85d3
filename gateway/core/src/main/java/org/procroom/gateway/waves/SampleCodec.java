package org.procroom.gateway.waves;

import java.io.ByteArrayOutputStream;

/**
 * How a row's samples are kept: each sample as its difference from the one before, zigzag-mapped
 * and written as a base-128 varint. Waveforms change little from one sample to the next, so most
 * samples take one byte (a 14-bit ECG sample stored plainly takes two or four).
 */
public final class SampleCodec {
  private SampleCodec() {}

  public static byte[] encode(int[] samples) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(samples.length + 8);
    long previous = 0;
    for (int s : samples) {
      long delta = s - previous;
      previous = s;
      long zigzag = (delta << 1) ^ (delta >> 63);
      while ((zigzag & ~0x7FL) != 0) {
        out.write((int) ((zigzag & 0x7F) | 0x80));
        zigzag >>>= 7;
      }
      out.write((int) zigzag);
    }
    return out.toByteArray();
  }

  /** The {@code count} samples kept in {@code bytes}; a row that does not hold exactly that many is refused. */
  public static int[] decode(byte[] bytes, int count) {
    int[] samples = new int[count];
    int at = 0;
    long previous = 0;
    for (int i = 0; i < count; i++) {
      long zigzag = 0;
      int shift = 0;
      while (true) {
        if (at >= bytes.length) {
          throw new IllegalArgumentException("wave row ends after " + i + " of its " + count + " samples");
        }
        int b = bytes[at++] & 0xFF;
        zigzag |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
        shift += 7;
        if (shift > 63) {
          throw new IllegalArgumentException("wave row holds a sample longer than ten bytes at sample " + i);
        }
      }
      long delta = (zigzag >>> 1) ^ -(zigzag & 1);
      previous += delta;
      samples[i] = (int) previous;
    }
    if (at != bytes.length) {
      throw new IllegalArgumentException("wave row holds " + (bytes.length - at) + " bytes after its " + count + " samples");
    }
    return samples;
  }
}
