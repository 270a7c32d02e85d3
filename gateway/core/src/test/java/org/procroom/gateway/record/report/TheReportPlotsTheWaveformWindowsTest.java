package org.procroom.gateway.record.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.WaveSegment;
import org.procroom.gateway.store.Procedure;
import org.procroom.gateway.waves.StoredWave;

/** A record's waveform strips are plotted in lines of ten seconds, a gap said with its cause, in well-formed XHTML. */
class TheReportPlotsTheWaveformWindowsTest {
  private static final Instant OPENED = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void fifteenSecondsOfEcgInTwoLinesAndAGap() throws Exception {
    Procedure p = new Procedure("p1", "room-1", "TPI", "PAT-1", Procedure.State.CLOSED, OPENED, OPENED.plusSeconds(60), 0,
        true, null, null, "recovery", OPENED);
    // 15 s at 500 Hz: a square wave of 0 and 200 raw (0 and 1 mV)
    int[] samples = IntStream.range(0, 7500).map(i -> i / 250 % 2 == 0 ? 0 : 200).toArray();
    StoredWave strip = new StoredWave("monitor-2", new WaveSegment("II", "MDC_ECG_ELEC_POTL_II", 131330, "mV",
        Duration.ofMillis(2), 0.005, 0, 100, OPENED.plusSeconds(20), OPENED.plusSeconds(20), samples, List.of(),
        new WaveSegment.Gap(512, "the monitor's samples resumed 1024 ms after the last array ended")));
    String xhtml = ClinicalReport.xhtml(p, List.of(), ZoneOffset.UTC, null, List.of(strip));
    javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(xhtml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(xhtml.contains("<h2>Waveforms around the events</h2>"));
    assertTrue(xhtml.contains("<b>II</b> monitor-2, 10:00:20 to 10:00:35, mV"), xhtml);
    assertTrue(xhtml.contains("after a gap of 512 samples: the monitor's samples resumed 1024 ms after the last array"
        + " ended"));
    Matcher lines = Pattern.compile("<polyline fill=\"none\" stroke=\"#111\"[^>]*points=\"([^\"]*)\"").matcher(xhtml);
    List<Integer> points = new java.util.ArrayList<>();
    while (lines.find()) {
      points.add(lines.group(1).trim().split(" ").length);
    }
    assertEquals(List.of(5000, 2500), points, "ten seconds, then the last five");
    assertTrue(xhtml.contains(">10:00:30</text>"), "the second line's start");
    assertTrue(xhtml.contains("0.00 to 1.00 mV"), "each line's range");
  }
}
