package org.procroom.drivers.vitals.pcd01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.drivers.vitals.terms.VendorProfiles;
import org.procroom.gateway.api.WaveSegment;

/**
 * The Mindray field capture's waveform message (corpus 04: ECG I at 500 Hz, a pleth of no-signal
 * markers) becomes stored samples; the later messages are the same capture with its OBR-7/OBR-8
 * moved on, as the monitor sends one such message a second.
 */
class Pcd01WaveStreamsTest {
  private static final String OBR_TIMES = "20260124131539000+0800|20260124131540000+0800";
  private static final Instant RECEIVED = Instant.parse("2026-01-24T05:15:40.100Z");

  private final Pcd01WaveStreams streams = new Pcd01WaveStreams();

  private static String capture() throws IOException {
    try (InputStream in = Pcd01WaveStreamsTest.class.getResourceAsStream("corpus/04-mindray-field-capture-waveform.hl7")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace('\n', '\r');
    }
  }

  private List<WaveSegment> receive(String message) {
    Pcd01Parser.Result parsed = new Pcd01Parser(ZoneOffset.UTC).parse(message);
    ObservationSet set = new Pcd01Reading(VendorProfiles.defaults()).read(parsed.message());
    return streams.segments(set, RECEIVED, List.of());
  }

  private static String movedBy(String capture, int seconds) {
    return capture.replace(OBR_TIMES, "202601241315" + (39 + seconds) + "000+0800|202601241315" + (40 + seconds) + "000+0800");
  }

  @Test
  void theEcgOfTheCaptureIsStoredAsSentAndThePlethOfMarkersIsNot() throws IOException {
    List<WaveSegment> segments = receive(capture());

    assertEquals(1, segments.size(), "the pleth's samples are all 32767, Mindray's no-signal marker");
    WaveSegment ecg = segments.get(0);
    assertEquals("00A037000000 ECG_ELEC_POTL_I 1.7.6.131329", ecg.channel());
    assertEquals(131329, ecg.mdc());
    assertEquals("mV", ecg.unit());
    assertEquals(Duration.ofMillis(2), ecg.samplePeriod());
    assertEquals(500, ecg.size());
    assertEquals(Instant.parse("2026-01-24T05:15:39Z"), ecg.deviceTime(), "OBR-7, 13:15:39 at +08:00");
    // the first samples as printed: 80^88^92^96, in steps of 0.001221 mV
    assertEquals(80, ecg.raw(0));
    assertEquals(96, ecg.raw(3));
    assertEquals(96 * 0.001221, ecg.value(3), 1e-9);
    assertEquals(0, ecg.firstSequence());
    assertNull(ecg.gapBefore());
  }

  @Test
  void theNextSecondsMessageContinuesTheStream() throws IOException {
    receive(capture());

    WaveSegment next = receive(movedBy(capture(), 1)).get(0);

    assertEquals(500, next.firstSequence());
    assertNull(next.gapBefore());
  }

  @Test
  void aMessageThatNeverCameIsAGapCountedFromTheTime() throws IOException {
    receive(capture());

    WaveSegment later = receive(movedBy(capture(), 3)).get(0);

    assertEquals(1500, later.firstSequence());
    assertEquals(1000, later.gapBefore().missing());
    assertTrue(later.gapBefore().cause().contains("2000 ms after"), later.gapBefore().cause());
  }

  @Test
  void aResentMessageRepeatsSamplesTheStoreCuts() throws IOException {
    receive(capture());

    WaveSegment again = receive(capture()).get(0);

    assertEquals(0, again.firstSequence(), "numbered as the samples it repeats");
  }

  @Test
  void anEmptySampleSplitsTheArrayAroundAStatedGap() throws IOException {
    String oneEmpty = capture().replaceFirst("\\|80\\^88\\^92\\^96\\^", "|80^88^^96^");

    List<WaveSegment> segments = receive(oneEmpty);

    assertEquals(2, segments.size());
    assertEquals(2, segments.get(0).size());
    assertEquals(3, segments.get(1).firstSequence());
    assertEquals(1, segments.get(1).gapBefore().missing());
    assertTrue(segments.get(1).gapBefore().cause().contains("sent empty"), segments.get(1).gapBefore().cause());
    assertEquals(Instant.parse("2026-01-24T05:15:39.006Z"), segments.get(1).deviceTime());
  }

  @Test
  void aChannelWithoutSampleRateIsNotStored() throws IOException {
    String noRate = capture().replace("OBX|2|NM|0^MDC_ATTR_SAMP_RATE^MDC|1.7.6.131329.1|500|264640^MDC_DIM_HZ^MDC|||||R", "");

    List<WaveSegment> segments = receive(noRate);

    assertTrue(segments.isEmpty());
  }
}
