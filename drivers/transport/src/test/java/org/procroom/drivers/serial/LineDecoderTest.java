package org.procroom.drivers.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDecoderTest {
  private final LineDecoder decoder = new LineDecoder(16);
  private final List<LineFrame> frames = new ArrayList<>();

  private void feed(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    decoder.decode(bytes, 0, bytes.length, frames::add);
  }

  private static LineFrame line(String text) {
    return new LineFrame.Line(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void crLfAndCrlfEachEndOneLine() {
    feed("A\rB\nC\r\nD\r\n");
    assertEquals(List.of(line("A"), line("B"), line("C"), line("D")), frames);
  }

  @Test
  void crlfSplitAcrossTwoReadsIsStillOneTerminator() {
    feed("ABC\r");
    feed("\nDEF\r");
    assertEquals(List.of(line("ABC"), line("DEF")), frames);
  }

  @Test
  void lineArrivingInPiecesIsJoined() {
    feed("]E04006");
    feed("381333931");
    feed("\r");
    assertEquals(List.of(line("]E04006381333931")), frames);
  }

  @Test
  void groupSeparatorInsideDataIsKept() {
    feed("10ABC\u001D17260731\r");
    assertEquals(List.of(line("10ABC\u001D17260731")), frames);
  }

  @Test
  void emptyLinesAreSkipped() {
    feed("\r\r\n\nX\n\n");
    assertEquals(List.of(line("X")), frames);
  }

  @Test
  void lineOfExactlyTheLimitIsAccepted() {
    feed("0123456789ABCDEF\r");
    assertEquals(List.of(line("0123456789ABCDEF")), frames);
  }

  @Test
  void overlongLineBecomesOneRejectionAndDecodingContinues() {
    feed("0123456789ABCDEFG");
    feed("HIJ\rOK\r");
    assertEquals(List.of(new LineFrame.Overlong(20, 16), line("OK")), frames);
  }

  @Test
  void resetDropsAPartialLine() {
    feed("PARTIAL");
    decoder.reset();
    feed("NEXT\r");
    assertEquals(List.of(line("NEXT")), frames);
  }
}
