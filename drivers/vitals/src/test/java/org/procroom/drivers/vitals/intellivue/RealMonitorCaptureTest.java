package org.procroom.drivers.vitals.intellivue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.intellivue.DataExportMessage.Link;
import org.procroom.drivers.vitals.intellivue.DataExportMessage.PollResult;
import org.procroom.drivers.vitals.intellivue.DataExportMessage.PolledObject;

/**
 * Serial frames captured from a real IntelliVue monitor (m8000-serial-capture-*.txt, see SOURCES.md),
 * through the MIB frame decoder and the Data Export decoder; every expected value is read off the
 * frame's bytes as SOURCES.md and the comments here say.
 */
class RealMonitorCaptureTest {
  /** The capture's frames: each line a Python bytes literal as the capturing project logged it. */
  static List<byte[]> frames(String resource) throws IOException {
    String text;
    try (InputStream in = RealMonitorCaptureTest.class.getResourceAsStream(resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    List<byte[]> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      out.add(pythonBytes(line.strip().replaceAll(",$", "")));
    }
    return out;
  }

  private static byte[] pythonBytes(String literal) {
    if (!literal.startsWith("b'") || !literal.endsWith("'")) {
      throw new IllegalArgumentException("not a bytes literal: " + literal.substring(0, Math.min(20, literal.length())));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String s = literal.substring(2, literal.length() - 1);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.write(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'x' -> {
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        default -> out.write(e);
      }
    }
    return out.toByteArray();
  }

  /** Each captured frame's message, through the serial frame decoder. */
  static List<DataExportMessage> messages(String resource) throws IOException {
    MibFrameDecoder framing = new MibFrameDecoder(8192);
    List<DataExportMessage> out = new ArrayList<>();
    for (byte[] frame : frames(resource)) {
      framing.decode(frame, 0, frame.length, f -> {
        MibFrame.Message m = assertInstanceOf(MibFrame.Message.class, f, f.toString());
        out.add(DataExportDecoder.read(m.bytes()));
      });
    }
    return out;
  }

  private static String hex(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return HexFormat.of().formatHex(out);
  }

  @Test
  void theAssociationResultGrantsThePollProfile() throws IOException {
    DataExportMessage m = messages("m8000-serial-capture-1.txt").get(0);
    // 00 00 0F A0 = 4000 x 125 us; 00 00 02 BC = 700; 00 00 03 E4 = 996; options 60 00 00 00; F0 01 ... 88 00 00 00
    assertEquals(new DataExportMessage.Accepted(Duration.ofMillis(500), 700, 996, 0x60000000L, 0x88000000L), m);
  }

  @Test
  void theMdsCreateEventReport() throws IOException {
    DataExportMessage.MdsCreate m = assertInstanceOf(DataExportMessage.MdsCreate.class,
        messages("m8000-serial-capture-1.txt").get(1));
    // 00 01 (invoke 1) ... 00 21 00 00 00 00 (the MDS), FF 4B 7D 00 (event time), 00 11 (17 attributes)
    assertEquals(1, m.invokeId());
    assertEquals(new ManagedObject(0x21, 0, 0), m.mds());
    assertEquals(0xFF4B7D00L, m.eventTime());
    assertEquals(17, m.attributes().list().size());
    assertEquals("00085068696c6970730000064d3830303000", hex(m.attributes().get(0x0928).orElseThrow()));
    assertEquals("1997012603103600", hex(m.attributes().get(0x0987).orElseThrow()));
  }

  @Test
  void aSetResultIsNamedNotTakenForAPoll() throws IOException {
    // 00 02 (result) 00 02 (invoke 2) 00 05 (confirmed set)
    assertEquals(new DataExportMessage.OtherResult(2, 5, 0), messages("m8000-serial-capture-1.txt").get(2));
  }

  @Test
  void anEmptyWavePoll() throws IOException {
    // poll 3, sequence 0, FF 4B A7 00, wall clock all FF (not sent), 00 01 00 09 (waves), 08 03; two contexts, no objects
    assertEquals(new PollResult(3, Link.SINGLE, 3, 0, 0xFF4BA700L, null, 0x09, 0x0803, List.of()),
        messages("m8000-serial-capture-1.txt").get(3));
  }

  @Test
  void numericsWithTheirObjects() throws IOException {
    PollResult p = assertInstanceOf(PollResult.class, messages("m8000-serial-capture-1.txt").get(4));
    // 00 04 (invoke 4), poll 3, sequence 0, FF 4B C7 00, class 6, group 08 03; context 0: 6 objects, context 1: 19
    assertEquals(List.of(4, 3, 0, 0xFF4BC700L, 0x06, 0x0803), List.of(p.invokeId(), p.pollNumber(), p.sequence(),
        p.relativeTime(), p.objectClass(), p.attributeGroup()));
    assertEquals(25, p.objects().size());
    assertEquals(6, p.objects().stream().filter(o -> o.context() == 0).count());
    PolledObject heartRate = p.objects().stream().filter(o -> o.handle() == 0x82D0).findFirst().orElseThrow();
    assertEquals(1, heartRate.context());
    assertEquals("418204000aa00000003c", hex(heartRate.attributes().get(0x0950).orElseThrow()));
    PolledObject nibp = p.objects().stream().filter(o -> o.handle() == 0x826E).findFirst().orElseThrow();
    assertEquals(4, nibp.attributes().list().size()); // 09 90, F2 37, F9 98, 09 4B
    assertEquals("1997010100175500", hex(nibp.attributes().get(0x0990).orElseThrow()));
  }

  @Test
  void waveSamples() throws IOException {
    PollResult p = assertInstanceOf(PollResult.class, messages("m8000-serial-capture-1.txt").get(5));
    // two objects in context 1: 02 CB (ECG II, 01 00 = 256 bytes) and 04 21 (pleth, 00 40 = 64 bytes)
    assertEquals(List.of(0x02CB, 0x0421), p.objects().stream().map(PolledObject::handle).toList());
    ByteBuffer pleth = p.objects().get(1).attributes().get(0x096E).orElseThrow();
    assertEquals(6 + 64, pleth.remaining());
    assertEquals("4bb404000040099a0969", hex(pleth.limit(10)));
  }

  @Test
  void aLinkedResultInTwoPartsThenItsClose() throws IOException {
    List<DataExportMessage> m = messages("m8000-serial-capture-4.txt");
    PollResult first = assertInstanceOf(PollResult.class, m.get(0));
    PollResult last = assertInstanceOf(PollResult.class, m.get(1));
    PollResult close = assertInstanceOf(PollResult.class, m.get(2));
    // 00 05 01 01 00 06: linked, first, invoke 6; 03 02 00 06: last; then 00 02 ... 00 06: the closing result
    assertEquals(List.of(Link.FIRST, Link.LAST, Link.SINGLE), List.of(first.link(), last.link(), close.link()));
    assertEquals(List.of(6, 6, 6), List.of(first.invokeId(), last.invokeId(), close.invokeId()));
    assertEquals(List.of(1, 1, 1), List.of(first.sequence(), last.sequence(), close.sequence()));
    assertEquals(List.of(2, 3, 0), List.of(first.objects().size(), last.objects().size(), close.objects().size()));
    assertEquals(0x189607_00L, close.relativeTime());
  }

  @Test
  void theCaptureTimesAreTheMonitorsLocalClock() throws IOException {
    DataExportMessage.MdsCreate m = assertInstanceOf(DataExportMessage.MdsCreate.class,
        messages("m8000-serial-capture-1.txt").get(1));
    assertEquals(LocalDateTime.of(1997, 1, 26, 3, 10, 36),
        AbsoluteTime.read(m.attributes().get(0x0987).orElseThrow(), "t").orElseThrow());
  }

  @Test
  void ourFramingOfEachMessageIsTheMonitorsByteForByte() throws IOException {
    for (String capture : List.of("m8000-serial-capture-1.txt", "m8000-serial-capture-4.txt")) {
      MibFrameDecoder framing = new MibFrameDecoder(8192);
      for (byte[] frame : frames(capture)) {
        framing.decode(frame, 0, frame.length, f -> assertEquals(HexFormat.of().formatHex(frame),
            HexFormat.of().formatHex(MibFrameEncoder.frame(((MibFrame.Message) f).bytes()))));
      }
    }
  }
}
