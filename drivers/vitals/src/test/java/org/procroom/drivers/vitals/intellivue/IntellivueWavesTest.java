package org.procroom.drivers.vitals.intellivue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.intellivue.DataExportMessage.PollResult;
import org.procroom.drivers.vitals.intellivue.DataExportMessage.PolledObject;
import org.procroom.gateway.api.WaveSegment;

/**
 * The real monitor's wave poll result (m8000-serial-capture-1.txt line 6, see SOURCES.md: ECG II
 * and pleth, demo data) read as waveform segments. No public capture holds the arrays' static
 * attributes, so the test states them itself, in the layouts OpenICE and VSCapture read
 * (docs/notes-intellivue-research.md 6, SaSpec, ScaleRangeSpec16); every expected sample is read
 * off the captured bytes.
 */
class IntellivueWavesTest {
  private static final Instant RECEIVED = Instant.parse("2026-12-03T10:00:00Z");
  private static final long TICKS_256_MS = 2048;

  private final IntellivueWaves waves = new IntellivueWaves();
  private final List<String> problems = new ArrayList<>();

  private static PollResult captured() throws IOException {
    return assertInstanceOf(PollResult.class, RealMonitorCaptureTest.messages("m8000-serial-capture-1.txt").get(5));
  }

  private static MonitorClock clock() throws IOException {
    DataExportMessage.MdsCreate mds = assertInstanceOf(DataExportMessage.MdsCreate.class,
        RealMonitorCaptureTest.messages("m8000-serial-capture-1.txt").get(1));
    return MonitorClock.of(mds, ZoneOffset.UTC).orElseThrow();
  }

  private static Attributes.Attribute attr(int id, byte[] value) {
    return new Attributes.Attribute(id, ByteBuffer.wrap(value));
  }

  private static byte[] label(String text) {
    byte[] utf16 = text.getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
    return ByteBuffer.allocate(2 + utf16.length).putShort((short) utf16.length).put(utf16).array();
  }

  /** ECG II: 16-bit samples, 14 significant, every 16 ticks (2 ms), -40.96..40.955 mV over 0..0x3FFF; pleth: 12 bits, 8 ms, no scale. */
  static PollResult statics() {
    PolledObject ecg = new PolledObject(0, 0x02CB, new Attributes(List.of(
        attr(0x096D, new byte[] {0x00, (byte) 0x80, 0x10, 0x0E, 0x30, 0x00}),
        attr(0x098D, new byte[] {0, 0, 0, 0x10}),
        attr(0x096F, new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xF0, 0x00, (byte) 0xFD, 0x00, (byte) 0x9F, (byte) 0xFB,
            0x00, 0x00, 0x3F, (byte) 0xFF}),
        attr(0x0996, new byte[] {0x10, (byte) 0xB2}),
        attr(0x0927, label("II")))));
    PolledObject pleth = new PolledObject(0, 0x0421, new Attributes(List.of(
        attr(0x096D, new byte[] {0x00, 0x20, 0x10, 0x0C, (byte) 0x80, 0x00}),
        attr(0x098D, new byte[] {0, 0, 0, 0x40}))));
    return new PollResult(9, DataExportMessage.Link.SINGLE, 1, -1, 0, null, 9, 0x0811, List.of(ecg, pleth));
  }

  private static PollResult at(PollResult p, long relative) {
    return new PollResult(p.invokeId(), p.link(), p.pollNumber(), p.sequence(), relative, p.absoluteTime(),
        p.objectClass(), p.attributeGroup(), p.objects());
  }

  @Test
  void samplesBeforeTheStaticAttributesAreNotKeptAndSaidSo() throws IOException {
    assertEquals(List.of(), waves.segments(captured(), null, RECEIVED, problems));
    assertEquals(List.of("sample array 0x02CB (MDC_ECG_ELEC_POTL_II): 256 bytes of samples not kept, the monitor has"
        + " not stated its sample size yet", "sample array 0x0421 (MDC_PULS_OXIM_PLETH): 64 bytes of samples not kept,"
        + " the monitor has not stated its sample size yet"), problems);
  }

  @Test
  void theRealMonitorsEcgAndPlethArrays() throws IOException {
    assertEquals(List.of(), waves.segments(statics(), null, RECEIVED, problems));
    List<WaveSegment> s = waves.segments(captured(), clock(), RECEIVED, problems);
    assertEquals(List.of(), problems);
    assertEquals(2, s.size());
    WaveSegment ecg = s.get(0);
    // 01 02 = NOM_ECG_ELEC_POTL_II, state 04 00 = demo data, 01 00 = 256 bytes: 128 samples of 1F FF
    assertEquals("II", ecg.channel());
    assertEquals("MDC_ECG_ELEC_POTL_II", ecg.code());
    assertEquals("mV", ecg.unit());
    assertEquals(List.of("demo"), ecg.flags());
    assertEquals(Duration.ofMillis(2), ecg.samplePeriod());
    int[] rest = new int[128];
    Arrays.fill(rest, 0x1FFF);
    assertArrayEquals(rest, ecg.samples());
    // -40.96 + 8191 x (81.915 / 16383) = -0.005 mV: the flat line of a monitor in demo mode with no signal
    assertEquals(-0.005, ecg.value(0), 1e-9);
    // the poll's relative time FF 4B A8 00, placed by the wall clock and relative time of the capture's MDS Create
    assertEquals(clock().at(0xFF4BA800L), ecg.deviceTime());
    assertNull(ecg.gapBefore());
    WaveSegment pleth = s.get(1);
    // 4B B4 = NOM_PULS_OXIM_PLETH, 00 40 = 64 bytes: 32 samples, 12 significant bits
    assertEquals("MDC_PULS_OXIM_PLETH", pleth.channel());
    assertEquals(Duration.ofMillis(8), pleth.samplePeriod());
    assertArrayEquals(new int[] {0x099A, 0x0969, 0x093A, 0x090D, 0x08E2, 0x08B9, 0x0894, 0x0872, 0x0853, 0x083A, 0x0826,
        0x0814, 0x0804, 0x07F7, 0x07EE, 0x07E8, 0x07E5, 0x07E5, 0x07E8, 0x07EE, 0x07F7, 0x07FF, 0x0808, 0x0814, 0x0821,
        0x082E, 0x083C, 0x084A, 0x0857, 0x0863, 0x086D, 0x0875}, pleth.samples());
    assertEquals(List.of("demo", "unscaled"), pleth.flags(), "no scale stated: raw values, said so, no unit");
    assertNull(pleth.unit());
  }

  @Test
  void anArrayWhereTheLastEndedContinuesTheChannel() throws IOException {
    waves.segments(statics(), null, RECEIVED, problems);
    PollResult p = captured();
    WaveSegment first = waves.segments(p, null, RECEIVED, problems).get(0);
    WaveSegment next = waves.segments(at(p, p.relativeTime() + TICKS_256_MS), null, RECEIVED.plusMillis(256), problems)
        .get(0);
    assertEquals(0, first.firstSequence());
    assertEquals(128, next.firstSequence());
    assertNull(next.gapBefore());
  }

  @Test
  void anArrayLaterThanTheLastOneEndedIsAGapOfTheMissingSamples() throws IOException {
    waves.segments(statics(), null, RECEIVED, problems);
    PollResult p = captured();
    waves.segments(p, null, RECEIVED, problems);
    // one second (8000 ticks) later than where the first array ended: 500 ECG samples never sent
    WaveSegment late = waves.segments(at(p, p.relativeTime() + TICKS_256_MS + 8000), null, RECEIVED.plusSeconds(1),
        problems).get(0);
    assertEquals(128 + 500, late.firstSequence());
    assertEquals(500, late.gapBefore().missing());
    assertTrue(late.gapBefore().cause().contains("1000 ms after the last array ended"), late.gapBefore().cause());
  }

  @Test
  void anArrayAgainIsNumberedAsTheSamplesItRepeats() throws IOException {
    waves.segments(statics(), null, RECEIVED, problems);
    PollResult p = captured();
    waves.segments(p, null, RECEIVED, problems);
    WaveSegment again = waves.segments(p, null, RECEIVED.plusMillis(256), problems).get(0);
    assertEquals(0, again.firstSequence(), "the same relative time: the same sample numbers, for the store to cut");
  }

  @Test
  void aRelativeTimeThatWentBackIsARestartWithTheGapTheGatewaySaw() throws IOException {
    waves.segments(statics(), null, RECEIVED, problems);
    PollResult p = captured();
    waves.segments(p, null, RECEIVED, problems);
    WaveSegment after = waves.segments(at(p, p.relativeTime() - 60 * 8000), null, RECEIVED.plusMillis(256 + 3000), problems).get(0);
    assertEquals(1500, after.gapBefore().missing(), "3 s at 500 Hz since the last array ended, by the gateway's clock");
    assertEquals("the monitor's relative time went back (it restarted)", after.gapBefore().cause());
  }

  @Test
  void aNewAssociationNeedsTheStaticAttributesAgainAndStatesItsGap() throws IOException {
    waves.segments(statics(), null, RECEIVED, problems);
    PollResult p = captured();
    waves.segments(p, null, RECEIVED, problems);
    waves.associationRenewed();
    assertEquals(List.of(), waves.segments(p, null, RECEIVED.plusSeconds(5), problems), "handles are the new association's");
    waves.segments(statics(), null, RECEIVED.plusSeconds(5), problems);
    WaveSegment renewed = waves.segments(p, null, RECEIVED.plusMillis(256 + 4000), problems).get(0);
    assertEquals(128 + 2000, renewed.firstSequence());
    assertEquals("samples not received while the association with the monitor was renewed",
        renewed.gapBefore().cause());
  }

  @Test
  void anArrayOfPartSamplesIsRefused() {
    waves.segments(statics(), null, RECEIVED, problems);
    PolledObject odd = new PolledObject(0, 0x02CB, new Attributes(List.of(attr(0x096E,
        new byte[] {0x01, 0x02, 0x00, 0x00, 0x00, 0x03, 0x1F, (byte) 0xFF, 0x1F}))));
    assertEquals(List.of(), waves.segments(new PollResult(2, DataExportMessage.Link.SINGLE, 2, 1, 0, null, 9, 0x0803,
        List.of(odd)), null, RECEIVED, problems));
    assertEquals(List.of("sample array 0x02CB (II): 3 bytes are not whole samples of 16 bits"), problems);
  }
}
