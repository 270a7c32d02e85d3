package org.procroom.drivers.vitals.s5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The waveform requests as GE's S/5 Computer Interface Specification prints them (M1017617, 12th
 * ed., Appendix A pp., "Hexadecimal representation of the request"), flags included.
 */
class S5WaveformRequestTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  @Test
  void startingEcg1IsTheSpecificationsExample() {
    byte[] printed = HEX.parseHex("7e 48 00 00 00 00 00 00 00 00 00 00 00 00 00 01"
        + " 00 00 00 00 00 00 ff 00 00 00 00 00 00 00 00 00"
        + " 00 00 00 00 00 00 00 00 00 00 00 00 00 01 ff 00"
        + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
        + " 00 00 00 00 00 00 00 00 00 48 7e");
    assertArrayEquals(printed, S5FrameEncoder.frame(S5Requests.waveforms(List.of(1))));
  }

  @Test
  void stoppingIsTheSpecificationsExample() {
    byte[] printed = HEX.parseHex("7e 48 00 00 00 00 00 00 00 00 00 00 00 00 00 01"
        + " 00 00 00 00 00 00 ff 00 00 00 00 00 00 00 00 00"
        + " 00 00 00 00 00 00 00 00 00 01 00 00 00 ff 00 00"
        + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
        + " 00 00 00 00 00 00 00 00 00 48 7e");
    assertArrayEquals(printed, S5FrameEncoder.frame(S5Requests.stopWaveforms()));
  }

  @Test
  void eightTypesFillTheListWithoutATerminatorAndNineAreRefused() {
    byte[] record = S5Requests.waveforms(List.of(1, 2, 3, 4, 5, 6, 7, 8));
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 0}, java.util.Arrays.copyOfRange(record, 44, 53));
    assertThrows(IllegalArgumentException.class, () -> S5Requests.waveforms(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)));
  }
}
