package org.procroom.gateway.charting.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.procroom.testkit.TestPaths;

/**
 * The values a PCD-01 message charts, read back as a nurse's flowsheet shows them, on published
 * messages from the PCD-01 corpus (drivers/vitals test resources, SOURCES.md there): the expected
 * values were read off the files.
 */
class ChartedValuesTest {
  private static String corpus(String name) throws Exception {
    return Files.readString(TestPaths.repo().resolve("drivers/vitals/src/test/resources/org/procroom/drivers/vitals/pcd01"
        + "/corpus/" + name), StandardCharsets.ISO_8859_1);
  }

  /** IHE PCD TF-2 E.11: a physiologic monitor; ST results (devices, rhythm) are not values; a time inherited from OBR-7. */
  @Test
  void theTechnicalFrameworksMonitorExample() throws Exception {
    List<ChartedValues.Value> values = ChartedValues.read(corpus("01-ihe-tf2-e11-physio-monitor.hl7"));
    assertEquals(List.of("MDC_PRESS_BLD_NONINV_SYS", "MDC_PRESS_BLD_NONINV_DIA", "MDC_PRESS_BLD_NONINV_MEAN",
        "MDC_ECG_CARD_BEAT_RATE", "MDC_ECG_TIME_PD_QT_GL", "MDC_ECG_TIME_PD_QTc", "MDC_RESP_RATE", "MDC_PULS_OXIM_SAT_O2",
        "MDC_PULS_OXIM_PERF_REL"), values.stream().map(ChartedValues.Value::code).toList());
    ChartedValues.Value systolic = values.get(0);
    assertEquals(new ChartedValues.Value("150021", "MDC_PRESS_BLD_NONINV_SYS", "1.1.1.5", "117", "MDC_DIM_MMHG", "X",
        "20150122115000", ""), systolic);
    assertEquals("20150122182656", values.get(3).time(), "no OBX-14: the time of the OBR");
    assertEquals("3.9", values.get(8).value());
  }

  /** IHE PCD TF-2 E.12: episodic NIBP in UCUM, the gateway's equipment id in OBX-18. */
  @Test
  void theEpisodicNibpExampleInUcum() throws Exception {
    List<ChartedValues.Value> values = ChartedValues.read(corpus("02-ihe-tf2-e12-episodic-nibp-ucum.hl7"));
    assertEquals(4, values.size());
    assertEquals(new ChartedValues.Value("149546", "MDC_PULS_RATE_NON_INV", "1.16.1.4", "63", "{beat}/min", "R",
        "20110602045842", "080019FFFE3ED02D172.16.172.135"), values.get(3));
  }

  /** An artefact left out: the other results stay as they were, renumbered; a message left without values is none. */
  @Test
  void withoutAnArtefact() throws Exception {
    String message = corpus("02-ihe-tf2-e12-episodic-nibp-ucum.hl7");
    String rest = ChartedValues.without(message, Set.of("MDC_PRESS_BLD_NONINV_MEAN")).orElseThrow();
    String[] segments = rest.split("\r");
    assertEquals(10, segments.length, "MSH, PID, PV1, OBR and six OBX of the seven");
    assertEquals("OBX|6|NM|149546^MDC_PULS_RATE_NON_INV^MDC|1.16.1.4|63|{beat}/min^{beat}/min^UCUM|||||R|||20110602045842"
        + "||||080019FFFE3ED02D172.16.172.135^GATEWAY_ACME", segments[9]);
    assertEquals(List.of("MDC_PRESS_BLD_NONINV_SYS", "MDC_PRESS_BLD_NONINV_DIA", "MDC_PULS_RATE_NON_INV"),
        ChartedValues.read(rest).stream().map(ChartedValues.Value::code).toList());
    assertTrue(message.startsWith(rest.substring(0, rest.indexOf("OBX|5|"))), "all before the value removed is unchanged");
    assertTrue(ChartedValues.without(message, Set.of("MDC_PRESS_BLD_NONINV_SYS", "MDC_PRESS_BLD_NONINV_DIA",
        "MDC_PRESS_BLD_NONINV_MEAN", "MDC_PULS_RATE_NON_INV")).isEmpty());
  }
}
