package org.procroom.drivers.vitals.s5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.WaveSegment;

/**
 * A GE monitor's own waveform records (pycollect's capture, corpus/SOURCES.md): the first, read
 * off its bytes by hand (file offset 2316: flag, r_len c4 01 = 452, DRI level 0a, r_time
 * 9e ff 59 5b, main type 01 00, subrecords {0, 08 PLETH} {ce 00 = 206, 20 = ENT_100}; each
 * act_len 64 00 = 100, status 53 06 = 0x0653 with the gap bit, pleth samples 66 ff 63 ff 5f ff =
 * -154 -157 -161, entropy 82 00 6e 00 6e 00 a0 00 = 130 110 110 160).
 */
class S5WaveRecordTest {
  private static List<S5Frame> frames() throws IOException {
    byte[] bytes;
    try (InputStream in = S5WaveRecordTest.class.getResourceAsStream("corpus/pycollect-carescape-pleth-entropy.raw")) {
      bytes = in.readAllBytes();
    }
    List<S5Frame> frames = new ArrayList<>();
    new S5FrameDecoder(4096).decode(bytes, 0, bytes.length, frames::add);
    return frames;
  }

  private static List<S5Record> waveRecords() throws IOException {
    return frames().stream().map(f -> S5Record.parse(f.value()).value())
        .filter(r -> r.mainType() == S5WaveRecord.MAIN_WAVEFORM).toList();
  }

  @Test
  void everyFrameOfTheCaptureIsAValidRecord() throws IOException {
    List<S5Frame> frames = frames();
    assertTrue(frames.stream().allMatch(S5Frame::valid), "checksums and escapes");
    assertTrue(frames.stream().allMatch(f -> S5Record.parse(f.value()).valid()));
    assertEquals(10, waveRecords().size(), "ten waveform records beside the physiological ones");
  }

  @Test
  void theFirstWaveformRecordReadsAsItsBytesSay() throws IOException {
    S5Record first = waveRecords().get(0);
    assertEquals(10, first.driLevel());
    assertEquals(Instant.ofEpochSecond(0x5b59ff9eL), first.time());

    List<S5WaveRecord.Wave> waves = S5WaveRecord.parse(first).value();

    assertEquals(List.of(8, 32), waves.stream().map(S5WaveRecord.Wave::type).toList());
    assertEquals(100, waves.get(0).samples().length);
    assertEquals(0x0653, waves.get(0).status());
    assertArrayEquals(new short[] {-154, -157, -161}, java.util.Arrays.copyOf(waves.get(0).samples(), 3));
    assertArrayEquals(new short[] {130, 110, 110, 160}, java.util.Arrays.copyOf(waves.get(1).samples(), 4));
  }

  @Test
  void theRecordsBecomeOneStreamPerTypeEndingAtTheirReceipt() throws IOException {
    S5WaveStreams streams = new S5WaveStreams();
    Instant t = Instant.parse("2026-12-04T10:00:00Z");
    List<WaveSegment> pleth = new ArrayList<>();
    for (S5Record r : waveRecords()) {
      S5WaveStreams.Result result = streams.segments(S5WaveRecord.parse(r).value(), t);
      assertEquals(List.of(), result.problems());
      result.segments().stream().filter(s -> s.channel().equals("PLETH")).forEach(pleth::add);
      t = t.plusSeconds(1);
    }
    WaveSegment first = pleth.get(0);
    assertEquals(Duration.ofMillis(10), first.samplePeriod(), "100 samples a second");
    assertEquals("%", first.unit());
    assertEquals(-1.54, first.value(0), 1e-9, "1/100 % a step");
    assertNull(first.gapBefore(), "the gap bit of the first record after a request has nothing before it");
    long expected = 0;
    for (WaveSegment s : pleth) {
      assertEquals(expected, s.firstSequence());
      expected = s.nextSequence();
    }
  }

  @Test
  void controlCodesAreMissingSamplesAndAGapBitIsStated() {
    S5WaveStreams streams = new S5WaveStreams();
    Instant t = Instant.parse("2026-12-04T10:00:00Z");
    streams.segments(List.of(new S5WaveRecord.Wave(9, 0, new short[] {100, 101})), t);

    List<WaveSegment> out = streams.segments(List.of(new S5WaveRecord.Wave(9, S5WaveRecord.STATUS_GAP,
        new short[] {102, -32767, -32767, 105})), t.plusSeconds(1)).segments();

    assertEquals(2, out.size());
    assertEquals(2, out.get(0).firstSequence());
    assertTrue(out.get(0).gapBefore().cause().contains("WF_STATUS_GAP"), out.get(0).gapBefore().cause());
    assertEquals(t.plusSeconds(1).minusMillis(120), out.get(0).receivedAt(), "its last sample 3 samples of 40 ms before the last");
    assertEquals(5, out.get(1).firstSequence());
    assertEquals(new WaveSegment.Gap(2, "2 sample(s) invalid (-32767)"), out.get(1).gapBefore());
  }

  @Test
  void afterAReconnectTheStreamGoesOnAfterAGap() {
    S5WaveStreams streams = new S5WaveStreams();
    Instant t = Instant.parse("2026-12-04T10:00:00Z");
    streams.segments(List.of(new S5WaveRecord.Wave(8, 0, new short[] {1, 2, 3})), t);

    streams.reconnected();
    WaveSegment after = streams.segments(List.of(new S5WaveRecord.Wave(8, S5WaveRecord.STATUS_GAP, new short[] {7, 8})),
        t.plusSeconds(5)).segments().get(0);

    assertEquals(3, after.firstSequence(), "numbered on, not from 0 again");
    assertTrue(after.gapBefore().cause().contains("link to the monitor was down")
        && after.gapBefore().cause().contains("WF_STATUS_GAP"), after.gapBefore().cause());
  }
}
