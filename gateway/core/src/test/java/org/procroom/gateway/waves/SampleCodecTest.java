package org.procroom.gateway.waves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SampleCodecTest {
  @Test
  void eachSampleIsItsZigzagDeltaAsAVarint() {
    // deltas 8191, 1, -2, 0, 65: zigzag 16382 (FE 7F), 2, 3, 0, 130 (82 01)
    assertEquals("fe7f02030082" + "01", HexFormat.of().formatHex(SampleCodec.encode(new int[] {8191, 8192, 8190, 8190, 8255})));
  }

  @Test
  void theExtremesOfAnIntComeBack() {
    int[] samples = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1, Integer.MIN_VALUE};
    assertArrayEquals(samples, SampleCodec.decode(SampleCodec.encode(samples), samples.length));
  }

  @Test
  void aRowShorterOrLongerThanItsCountIsRefused() {
    byte[] three = SampleCodec.encode(new int[] {1, 2, 3});
    assertEquals("wave row ends after 3 of its 4 samples",
        assertThrows(IllegalArgumentException.class, () -> SampleCodec.decode(three, 4)).getMessage());
    assertEquals("wave row holds 1 bytes after its 2 samples",
        assertThrows(IllegalArgumentException.class, () -> SampleCodec.decode(three, 2)).getMessage());
  }
}
