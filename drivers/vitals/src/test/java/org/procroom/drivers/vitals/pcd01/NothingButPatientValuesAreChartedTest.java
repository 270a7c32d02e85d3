package org.procroom.drivers.vitals.pcd01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.Observation;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.drivers.vitals.terms.VendorProfiles;
import org.procroom.gateway.api.EventDraft;

/**
 * The markers the first round charted as numbers: vendor "no value" sentinels, impossible values,
 * a deleted result, a monitor in demo mode, a training message; each becomes no value with its
 * reason, or a set kept outside the record.
 */
class NothingButPatientValuesAreChartedTest {
  private static final String HEADER = "MSH|^~\\&|BeneView^00A037009A0013F2^EUI-64|MINDRAY|||20261125103000+0000||"
      + "ORU^R01^ORU_R01|M1|%s|2.6|||AL|NE||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO\r"
      + "PID|||MRN-77^^^HOSP^MR\rOBR|1|||182777000^monitoring of patient^SCT|||20261125103000+0000\r";

  private static ObservationSet read(String processing, String... obx) {
    String text = HEADER.formatted(processing) + String.join("\r", obx) + "\r";
    Pcd01Parser.Result result = new Pcd01Parser(ZoneOffset.UTC).parse(text);
    assertNull(result.reason());
    return new Pcd01Reading(VendorProfiles.defaults()).read(result.message());
  }

  @Test
  void vendorSentinelsAndImpossibleValuesAreNoValue() {
    ObservationSet set = read("P",
        "OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.1.1.1|-999|266016^MDC_DIM_MMHG^MDC|||||F",
        "OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.1|-999|262688^MDC_DIM_PERCENT^MDC|||||F",
        "OBX|3|NM|150364^MDC_TEMP_BODY^MDC|1.3.1.1|-99.9|268192^MDC_DIM_DEGC^MDC|||||F",
        "OBX|4|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.2.1|-100|262688^MDC_DIM_PERCENT^MDC|||||F",
        "OBX|5|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.3.1|384.5|262688^MDC_DIM_PERCENT^MDC|||||F",
        "OBX|6|NM|147842^MDC_ECG_HEART_RATE^MDC|1.4.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||F");
    List<Observation> o = set.observations();
    assertEquals(List.of("sentinel", "sentinel", "sentinel", "sentinel", "implausible"),
        o.subList(0, 5).stream().map(Observation::status).toList());
    assertTrue(o.subList(0, 5).stream().allMatch(x -> x.value() == null), "none is a number");
    assertEquals(List.of("-999", "-999", "-99.9", "-100", "384.5"),
        o.subList(0, 5).stream().map(Observation::valueReceived).toList(), "kept as received");
    assertEquals(72.0, o.get(5).value());
    assertTrue(set.live());

    EventDraft event = new VitalsEvents(Map.of(), java.time.Duration.ofSeconds(30))
        .observation(set, Instant.parse("2026-11-25T10:30:01Z"));
    VitalsEvents.Payload payload = (VitalsEvents.Payload) event.payload();
    assertEquals(List.of("SENTINEL", "SENTINEL", "SENTINEL", "SENTINEL", "IMPLAUSIBLE"),
        payload.findings().stream().map(VitalsEvents.Finding::code).toList());
    assertFalse(event.outsideRecord());
  }

  @Test
  void twoSpO2ChannelsStayApartByContainment() {
    ObservationSet set = read("P",
        "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.1|97|262688^MDC_DIM_PERCENT^MDC|||||F",
        "OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.5.1.1|92|262688^MDC_DIM_PERCENT^MDC|||||F");
    assertEquals(List.of("1.2.1.1", "1.5.1.1"), set.observations().stream().map(Observation::channel).toList());
  }

  @Test
  void deletedWithdrawnAndNotDoneResultsAreNoValueAndCorrectionsNameWhatTheyChange() {
    ObservationSet set = read("P",
        "OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.1.1.1|118|266016^MDC_DIM_MMHG^MDC|||||D|||20261125102500+0000",
        "OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.1.1.1|121|266016^MDC_DIM_MMHG^MDC|||||C|||20261125102500+0000",
        "OBX|3|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.1.1.2|70|266016^MDC_DIM_MMHG^MDC|||||W",
        "OBX|4|NM|150023^MDC_PRESS_BLD_NONINV_MEAN^MDC|1.1.1.3||266016^MDC_DIM_MMHG^MDC|||||N",
        "OBX|5|NM|147842^MDC_ECG_HEART_RATE^MDC|1.4.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||Q");
    List<Observation> o = set.observations();
    assertEquals("deleted", o.get(0).status());
    assertEquals("1.1.1.1/150021@2026-11-25T10:25:00Z", o.get(0).corrects());
    assertEquals(121.0, o.get(1).value(), "a correction carries the corrected value");
    assertEquals("1.1.1.1/150021@2026-11-25T10:25:00Z", o.get(1).corrects());
    assertEquals("withdrawn", o.get(2).status());
    assertEquals("not-done", o.get(3).status());
    assertEquals("unknown-result-status", o.get(4).status(), "a status the gateway cannot interpret is not charted");
  }

  @Test
  void aMonitorInDemoModeAndTrainingMessagesAreNotPatientData() {
    ObservationSet demo = read("P",
        "OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.4.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC||DEMO|||F");
    assertEquals("demo", demo.mode());
    assertEquals(72.0, demo.observations().get(0).value(), "kept and shown as sent");
    EventDraft event = new VitalsEvents(Map.of(), java.time.Duration.ofSeconds(30))
        .observation(demo, Instant.parse("2026-11-25T10:30:01Z"));
    assertTrue(event.outsideRecord(), "never entered in the record");
    assertEquals("training", read("T",
        "OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.4.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||F").mode());
    assertEquals("debug", read("D",
        "OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.4.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||F").mode());
  }

  @Test
  void unitsOutsideTheBasicFiveAreUcumAndUnknownOnesAreKeptAsReceived() {
    ObservationSet set = read("P",
        "OBX|1|NM|150364^MDC_TEMP_BODY^MDC|1.3.1.1|98.6|266560^MDC_DIM_FAHR^MDC|||||F",
        "OBX|2|NM|188736^MDC_MASS_BODY_ACTUAL^MDC|1.5.1.1|71.5|263875^MDC_DIM_KILO_G^MDC|||||F",
        "OBX|3|NM|160184^MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD^MDC|1.6.1.1|96|264274^MDC_DIM_MILLI_G_PER_DL^MDC|||||F",
        "OBX|4|NM|147842^MDC_ECG_HEART_RATE^MDC|1.4.1.1|72|bpm^beats^99MNDRY|||||F");
    assertEquals(java.util.Arrays.asList("[degF]", "kg", "mg/dL", null),
        set.observations().stream().map(Observation::unit).toList());
    assertEquals("bpm^beats^99MNDRY", set.observations().get(3).unitReceived());
    assertEquals(72.0, set.observations().get(3).value(), "the value stays; its unit is flagged, never called UCUM");
  }

  @Test
  void vendorCodesAreNotMdcNumbersUnlessConfigured() {
    ObservationSet set = read("P", "OBX|1|NM|1000^HR^99MNDRY|1.4.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||F");
    Observation hr = set.observations().get(0);
    assertNull(hr.mdc());
    assertEquals("99MNDRY", hr.codingSystem());
    assertEquals("1000", hr.code());
  }
}
