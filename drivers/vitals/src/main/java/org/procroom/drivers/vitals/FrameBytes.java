package org.procroom.drivers.vitals;

import java.util.Arrays;

/**
 * The unescaped bytes of one serial frame as a decoder collects them, up to a bound: a plain
 * growing array, because a ByteArrayOutputStream locks on every byte. Not thread-safe.
 */
public final class FrameBytes {
  private final int capacity;
  private byte[] bytes = new byte[1024];
  private int size;

  /** {@code capacity}: the most bytes a frame may hold. */
  public FrameBytes(int capacity) {
    this.capacity = capacity;
  }

  /** Keeps {@code b}; false, keeping nothing, when the frame is already at its bound. */
  public boolean add(int b) {
    if (size >= capacity) {
      return false;
    }
    if (size == bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.min(size * 2, Math.max(capacity, 1)));
    }
    bytes[size++] = (byte) b;
    return true;
  }

  public int size() {
    return size;
  }

  public void clear() {
    size = 0;
  }

  /** The frame so far. */
  public byte[] toArray() {
    return Arrays.copyOf(bytes, size);
  }
}
