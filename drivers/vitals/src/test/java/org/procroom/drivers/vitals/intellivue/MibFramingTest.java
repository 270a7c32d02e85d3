package org.procroom.drivers.vitals.intellivue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IntelliVue MIB/RS-232 framing on others' vectors (resources/.../intellivue/SOURCES.md): the FCS
 * against CRC-16/X-25's published check value and OpenICE's FCS tests, and a published Association
 * Request carried through a frame; every malformed frame rejected with its reason.
 */
class MibFramingTest {
  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
  }

  private static byte[] aarq() throws IOException {
    try (InputStream in = MibFramingTest.class.getResourceAsStream("aarq-wave-ext-poll.hex")) {
      return hex(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }
  }

  /** A frame as the guide lays it out, built here byte by byte (escaping as the sources state it). */
  private static byte[] frame(byte[] header, byte[] message, boolean goodFcs) {
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    inner.writeBytes(header);
    inner.writeBytes(message);
    int fcs = Fcs16.of(inner.toByteArray()) ^ (goodFcs ? 0 : 0x0101);
    inner.write(fcs & 0xFF);
    inner.write(fcs >>> 8);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.write(0xC0);
    for (byte b : inner.toByteArray()) {
      int v = b & 0xFF;
      if (v == 0xC0 || v == 0xC1 || v == 0x7D) {
        wire.write(0x7D);
        wire.write(v ^ 0x20);
      } else {
        wire.write(v);
      }
    }
    wire.write(0xC1);
    return wire.toByteArray();
  }

  private static byte[] header(int length) {
    return new byte[] {0x11, 0x01, (byte) (length >>> 8), (byte) length};
  }

  private static List<MibFrame> decode(byte[] wire, int chunk) {
    MibFrameDecoder decoder = new MibFrameDecoder(4096);
    List<MibFrame> out = new ArrayList<>();
    for (int i = 0; i < wire.length; i += chunk) {
      decoder.decode(wire, i, Math.min(chunk, wire.length - i), out::add);
    }
    return out;
  }

  @Test
  void theFcsIsPppsFcs16() {
    assertEquals(0x906E, Fcs16.of("123456789".getBytes(StandardCharsets.US_ASCII)), "CRC-16/X-25 check value");
    // OpenICE's vectors: the FCS goes low byte first, 9B 26 and 95 C1.
    assertEquals(0x269B, Fcs16.of(hex("3A 71")));
    assertEquals(0xC195, Fcs16.of(hex("3A 91")));
    assertEquals(Fcs16.GOOD, Fcs16.update(Fcs16.INITIAL, hex("3A 71 9B 26"), 0, 4), "RFC 1662's good-frame value");
    assertEquals(Fcs16.GOOD, Fcs16.update(Fcs16.INITIAL, hex("3A 91 95 C1"), 0, 4));
  }

  /** The published AARQ holds 0xC1 (byte 18): escaped in the frame, whole again after it; read a byte at a time too. */
  @Test
  void aPublishedAssociationRequestThroughAFrame() throws IOException {
    byte[] aarq = aarq();
    assertEquals(300, aarq.length);
    byte[] wire = frame(header(aarq.length), aarq, true);
    assertTrue(wire.length > aarq.length + 8, "escapes on the wire");
    for (int chunk : new int[] {wire.length, 1, 7}) {
      List<MibFrame> frames = decode(wire, chunk);
      assertEquals(1, frames.size());
      assertArrayEquals(aarq, assertInstanceOf(MibFrame.Message.class, frames.get(0)).bytes());
    }
  }

  /** OpenICE's FCS-test frames carry no header: a frame of another shape, said so, not a message. */
  @Test
  void openIcesHeaderlessTestFramesAreNotDataExportMessages() {
    List<MibFrame> frames = decode(hex("C0 3A 71 9B 26 C1  C0 3A 91 95 7D E1 C1"), 3);
    assertEquals(List.of(new MibFrame.Invalid("frame of 4 bytes is shorter than a header and FCS"),
        new MibFrame.Invalid("frame of 4 bytes is shorter than a header and FCS")), frames);
  }

  @Test
  void everyMalformedFrameIsRejectedWithItsReason() throws IOException {
    byte[] message = java.util.Arrays.copyOf(aarq(), 20);
    assertEquals(new MibFrame.Invalid(String.format("FCS 0x%04X does not check (expected 0x%04X): frame of 26 bytes dropped",
        Fcs16.of(concat(header(20), message)) ^ 0x0101, Fcs16.of(concat(header(20), message)))),
        decode(frame(header(20), message, false), 64).get(0));
    assertEquals(new MibFrame.Invalid("protocol id 0x12, not Data Export (0x11): frame dropped"),
        decode(frame(new byte[] {0x12, 0x01, 0, 20}, message, true), 64).get(0));
    assertEquals(new MibFrame.Invalid("message type 0x02, not 0x01: frame dropped"),
        decode(frame(new byte[] {0x11, 0x02, 0, 20}, message, true), 64).get(0));
    assertEquals(new MibFrame.Invalid("header says 21 bytes, the frame carries 20: dropped"),
        decode(frame(header(21), message, true), 64).get(0));
    byte[] good = frame(header(20), message, true);
    byte[] aborted = concat(java.util.Arrays.copyOf(good, 10), hex("7D C1"));
    assertEquals(List.of(new MibFrame.Invalid("frame aborted by the sender (0x7D 0xC1) after 9 bytes")),
        decode(aborted, 64));
    byte[] restarted = concat(java.util.Arrays.copyOf(good, 10), good);
    List<MibFrame> frames = decode(restarted, 5);
    assertEquals(new MibFrame.Invalid("start of frame after 9 bytes without an end: the partial frame is dropped"),
        frames.get(0));
    assertArrayEquals(message, ((MibFrame.Message) frames.get(1)).bytes(), "the next frame is read whole");
  }

  @Test
  void noiseBeforeAFrameAndAnOverlongFrame() {
    byte[] message = hex("E1 00 00 02 00 02 00 14");
    byte[] wire = concat(hex("00 FF 41 C1 7D"), frame(header(message.length), message, true));
    List<MibFrame> frames = decode(wire, 2);
    assertEquals(1, frames.size(), "bytes before a start of frame are line noise: skipped");
    MibFrameDecoder small = new MibFrameDecoder(8);
    List<MibFrame> out = new ArrayList<>();
    byte[] tooLong = frame(header(12), new byte[12], true);
    byte[] both = concat(tooLong, frame(header(message.length), message, true));
    small.decode(both, 0, both.length, out::add);
    assertEquals(new MibFrame.Invalid("frame longer than a 8-byte message without an end: discarded"), out.get(0));
    assertArrayEquals(message, ((MibFrame.Message) out.get(1)).bytes(), "and the decoder goes on");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
