package org.procroom.drivers.vitals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.serial.LineDecoder;
import org.procroom.drivers.vitals.masimo.MasimoAscii;
import org.procroom.drivers.vitals.pcd01.MllpDecoder;
import org.procroom.drivers.vitals.pcd01.Pcd01Parser;
import org.procroom.drivers.vitals.s5.S5FrameDecoder;
import org.procroom.drivers.vitals.s5.S5Record;
import org.procroom.gateway.api.Decoded;

/** Every frame decoder and message parser answers in one shape: a value, or invalid with its reason. */
class DecodersShareOneResultShapeTest {
  private static void assertInvalid(Decoded<?> result, String reasonStart) {
    assertFalse(result.valid(), String.valueOf(result));
    assertNull(result.value());
    assertTrue(result.invalidReason().startsWith(reasonStart), result.invalidReason());
  }

  @Test
  void framesAreAValueOrInvalidWithTheReason() {
    List<Decoded<?>> lines = new ArrayList<>();
    new LineDecoder(16).decode("OK\rTHIS LINE IS FAR TOO LONG\r".getBytes(StandardCharsets.US_ASCII), 0, 29, lines::add);
    assertArrayEquals("OK".getBytes(StandardCharsets.US_ASCII), (byte[]) lines.get(0).value());
    assertInvalid(lines.get(1), "line of 25 bytes exceeds the limit of 16");

    List<Decoded<?>> mllp = new ArrayList<>();
    byte[] badEnd = {0x0B, 'M', 'S', 'H', 0x1C, 'x'};
    new MllpDecoder(1024, StandardCharsets.UTF_8).decode(badEnd, 0, badEnd.length, mllp::add);
    assertInvalid(mllp.get(0), "end block 0x1C followed by 0x78");

    List<Decoded<?>> s5 = new ArrayList<>();
    byte[] wrongChecksum = {0x7E, 0x01, 0x02, 0x04, 0x7E}; // the sum of 01 02 is 03, not 04
    new S5FrameDecoder(4096).decode(wrongChecksum, 0, wrongChecksum.length, s5::add);
    assertInvalid(s5.get(0), "checksum 0x");
  }

  @Test
  void messagesAreAValueOrInvalidWithTheReason() {
    assertInvalid(S5Record.parse(new byte[10]), "record of 10 bytes is shorter than the 40-byte header");
    assertInvalid(MasimoAscii.parse("not a Masimo line", ZoneOffset.UTC), "");
    Decoded<?> notHl7 = new Pcd01Parser().parse("hello");
    assertInvalid(notHl7, "");
    assertEquals(notHl7.invalidReason(), ((Pcd01Parser.Result) notHl7).reason());
  }
}
