package org.procroom.drivers.vitals.s5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact S/5 frames, written out by hand from the published layout: the 49-byte request
 * record (header 40 bytes, request subrecord 9 bytes), checksum = sum of the record bytes mod 256,
 * 0x7E and 0x7D escaped as 0x7D, byte XOR 0x20.
 */
class S5FramingTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  /** Header: r_len 49, zeros, main type 0, descriptor 0 {offset 0, type 0}, descriptor 1 type 0xFF (end). */
  private static final String HEADER = "31 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
      + " 00 00 00 00 00 ff 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";

  private static byte[] hex(String s) {
    return HEX.parseHex(s);
  }

  @Test
  void displayedValuesEveryFiveSeconds() {
    // Subrecord: record type 1 (displayed), interval 5 s, class bits 0 (basic), 2 reserved. Sum 0x136 -> 0x36.
    byte[] expected = hex("7e " + HEADER + " 01 05 00 00 00 00 00 00 00 36 7e");
    assertArrayEquals(expected, S5FrameEncoder.frame(S5Requests.displayedValues(5)));
  }

  @Test
  void aFlagOrEscapeByteInsideTheRecordIsEscaped() {
    // Interval 125 = 0x7D is sent as 7D 5D; sum 0x31 + 0xFF + 0x01 + 0x7D = 0x1AE -> 0xAE.
    byte[] expected = hex("7e " + HEADER + " 01 7d 5d 00 00 00 00 00 00 00 ae 7e");
    assertArrayEquals(expected, S5FrameEncoder.frame(S5Requests.displayedValues(125)));
  }

  @Test
  void aChecksumThatEqualsTheFlagIsEscapedToo() {
    // Interval 77 = 0x4D: sum 0x31 + 0xFF + 0x01 + 0x4D = 0x17E -> checksum 0x7E, sent as 7D 5E.
    byte[] expected = hex("7e " + HEADER + " 01 4d 00 00 00 00 00 00 00 7d 5e 7e");
    assertArrayEquals(expected, S5FrameEncoder.frame(S5Requests.displayedValues(77)));
  }

  private static List<S5Frame> decodeOneByteAtATime(byte[] wire) {
    S5FrameDecoder decoder = new S5FrameDecoder(2048);
    List<S5Frame> frames = new ArrayList<>();
    for (byte b : wire) {
      decoder.decode(new byte[] {b}, 0, 1, frames::add);
    }
    return frames;
  }

  @Test
  void decoderUnescapesAndChecksFramesSplitAcrossReads() {
    List<S5Frame> frames = decodeOneByteAtATime(hex("7e " + HEADER + " 01 4d 00 00 00 00 00 00 00 7d 5e 7e"));
    assertEquals(1, frames.size());
    assertArrayEquals(S5Requests.displayedValues(77), ((S5Frame.Record) frames.get(0)).bytes());
  }

  @Test
  void badChecksumIsRejectedAndTheNextFrameIsRead() {
    String good = "7e " + HEADER + " 01 05 00 00 00 00 00 00 00 36 7e";
    String corrupted = "7e " + HEADER + " 01 05 00 00 00 00 00 00 00 37 7e";
    List<S5Frame> frames = decodeOneByteAtATime(hex("13 37 " + corrupted + " " + good));
    assertEquals(2, frames.size(), "noise before the first flag is skipped");
    assertEquals(new S5Frame.Invalid("checksum 0x37, expected 0x36: frame of 50 bytes dropped"), frames.get(0));
    assertInstanceOf(S5Frame.Record.class, frames.get(1));
  }

  @Test
  void escapeBeforeAFlagAbortsTheFrame() {
    List<S5Frame> frames = decodeOneByteAtATime(hex("7e 31 00 7d 7e " + HEADER + " 01 05 00 00 00 00 00 00 00 36 7e"));
    assertEquals(new S5Frame.Invalid("escape byte 0x7D directly before a flag: frame aborted"), frames.get(0));
    assertInstanceOf(S5Frame.Record.class, frames.get(1), "the flag that aborted starts the next frame");
  }

  @Test
  void overlongFrameIsDiscardedUntilTheNextFlag() {
    S5FrameDecoder decoder = new S5FrameDecoder(16);
    List<S5Frame> frames = new ArrayList<>();
    byte[] noise = new byte[40];
    decoder.decode(hex("7e"), 0, 1, frames::add);
    decoder.decode(noise, 0, noise.length, frames::add);
    byte[] good = hex("7e 01 02 03 06 7e");
    decoder.decode(good, 0, good.length, frames::add);
    assertEquals(new S5Frame.Invalid("frame longer than 16 bytes without a closing flag: discarded"), frames.get(0));
    assertArrayEquals(hex("01 02 03"), ((S5Frame.Record) frames.get(1)).bytes());
    assertEquals(2, frames.size());
  }
}
