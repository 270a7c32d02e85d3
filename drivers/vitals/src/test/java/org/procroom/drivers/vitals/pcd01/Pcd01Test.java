package org.procroom.drivers.vitals.pcd01;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.Observation;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.drivers.vitals.terms.VendorProfiles;

/** An IHE PCD-01 ORU^R01 written out field by field (HL7 v2.6, MDC codes and units). */
class Pcd01Test {
  private static final String ORU = String.join("\r",
      "MSH|^~\\&|MONITOR^ACDE48234567ABCD^EUI-64|OR3|||20261125103000+0100||ORU^R01^ORU_R01|MSG00042|P|2.6|||NE|AL"
          + "||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
      "PID|||PAT-0042^^^HOSP^MR||Doe^Jane",
      "OBR|1|||182777000^monitoring of patient^SNOMED-CT|||20261125103000+0100",
      // OBX-1 set, -2 type, -3 MDC code, -4 MDS.VMD.channel.metric, -5 value, -6 unit, -11 status, -14 time, -17 method
      "OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.1.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||20261125103000+0100",
      "OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.1|98|262688^MDC_DIM_PERCENT^MDC|||||R|||20261125103000+0100",
      "OBX|3|NM|150301^MDC_PRESS_CUFF_SYS^MDC|1.3.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R|||20261125102500+0100|||^APERIODIC",
      "OBX|4|NM|150302^MDC_PRESS_CUFF_DIA^MDC|1.3.1.2||266016^MDC_DIM_MMHG^MDC|||||X|||20261125102500+0100|||^APERIODIC",
      "OBX|5|ST|67880^MDC_ATTR_ID_MODEL^MDC|1.0.0.1|S/5 AM||||||R") + "\r";

  private static ObservationSet read(String text) {
    Pcd01Parser.Result result = new Pcd01Parser(ZoneOffset.UTC).parse(text);
    assertNull(result.reason());
    return new Pcd01Reading(VendorProfiles.defaults()).read(result.message());
  }

  /** Code, value, unit, status, channel, time and method of an observation, the fields these tests look at. */
  private static String brief(Observation o) {
    return o.code() + " " + o.mdc() + " " + o.value() + " " + o.unit() + " " + o.status() + " " + o.channel() + " "
        + o.observedAt() + " " + o.method() + " " + o.resultStatus();
  }

  @Test
  void observationsWithStatusTimeAndMethod() {
    ObservationSet set = read(ORU);
    assertEquals("MSG00042", set.controlId());
    assertEquals(Instant.parse("2026-11-25T09:30:00Z"), set.deviceTime(), "OBR-7 with its offset");
    assertEquals(List.of(
        "MDC_ECG_HEART_RATE 147842 72.0 /min null 1.1.1.1 2026-11-25T09:30:00Z null R",
        "MDC_PULS_OXIM_SAT_O2 150456 98.0 % null 1.2.1.1 2026-11-25T09:30:00Z null R",
        "MDC_PRESS_CUFF_SYS 150301 120.0 mm[Hg] null 1.3.1.1 2026-11-25T09:25:00Z APERIODIC R",
        "MDC_PRESS_CUFF_DIA 150302 null mm[Hg] cannot-be-obtained 1.3.1.2 2026-11-25T09:25:00Z APERIODIC X"),
        set.observations().stream().map(Pcd01Test::brief).toList());
    assertEquals(List.of(new ObservationSet.Detail("MDC_ATTR_ID_MODEL", 67880, "MDC", "1.0.0.1", "ST", "S/5 AM")),
        set.details(), "the ST device-model OBX is kept as a detail, not an observation");
    assertEquals(List.of(new ObservationSet.PatientId("PAT-0042", "HOSP", "MR")), set.patient().identifiers());
    assertEquals("ACDE48234567ABCD", set.sender().equipmentId(), "the EUI-64 in MSH-3");
    assertTrue(set.live());
  }

  @Test
  void oddButAcceptableMessagesFromOtherVendors() {
    // HL7 2.5 header, no OBR-7 (the message time is used), an OBX without OBX-14, UCUM units, MSH-15/16 swapped.
    String v25 = String.join("\r",
        "MSH|^~\\&|MON|OR|||20261125103000+0000||ORU^R01|V25|P|2.5|||AL|NE",
        "OBR|1",
        "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC||97|%^%^UCUM|||||F",
        "OBX|2|NM|149530^MDC_PULS_OXIM_PULS_RATE^MDC||64|/min^/min^UCUM|||||R") + "\r";
    ObservationSet set = read(v25);
    assertEquals(Instant.parse("2026-11-25T10:30:00Z"), set.deviceTime());
    assertEquals(List.of("MDC_PULS_OXIM_SAT_O2 150456 97.0 % null null null null F",
        "MDC_PULS_OXIM_PULS_RATE 149530 64.0 /min null null null null R"),
        set.observations().stream().map(Pcd01Test::brief).toList());
  }

  @Test
  void anObxWithAnMdcCodeOutsideOurEnumIsNamedFromTheTermTable() {
    String other = ORU.replace("OBX|5|ST|67880^MDC_ATTR_ID_MODEL^MDC|1.0.0.1|S/5 AM||||||R",
        "OBX|5|NM|150344^MDC_TEMP^MDC|1.5.1.1|98.6|266560^MDC_DIM_FAHR^MDC|||||R");
    Observation temp = read(other).observations().get(4);
    assertEquals("MDC_TEMP 150344 98.6 [degF] null 1.5.1.1 null null R", brief(temp),
        "the unit from OBX-6 through the 11073 table, not the term's usual unit");
  }

  @Test
  void aValueWithoutUnitsIsKeptWithNoUnitAndNothingIsRefused() {
    // Found by fuzzing once as an exception; now the message is taken and the value has no UCUM unit.
    String noUnits = ORU.replace("OBX|5|ST|67880^MDC_ATTR_ID_MODEL^MDC|1.0.0.1|S/5 AM||||||R",
        "OBX|5|NM|150344^MDC_TEMP^MDC|1.5.1.1|36.9||||||R");
    Observation temp = read(noUnits).observations().get(4);
    assertEquals(36.9, temp.value());
    assertNull(temp.unit());
  }

  @Test
  void otherMessageTypesAreRefusedWithAReason() {
    String adt = "MSH|^~\\&|ADT|HOSP|||20261125103000||ADT^A01^ADT_A01|X1|P|2.6\rPID|||1\r";
    Pcd01Parser.Result result = new Pcd01Parser().parse(adt);
    assertEquals(Hl7Ack.Code.AR, result.refusal());
    assertEquals("only ORU^R01 is accepted, found ADT^A01^ADT_A01", result.reason());
    assertEquals(Hl7Ack.Code.AR, new Pcd01Parser().parse("this is not HL7").refusal());
  }

  @Test
  void aNonNumericValueIsNoValueAndTheRestOfTheMessageIsTaken() {
    ObservationSet set = read(ORU.replace("|1.1.1.1|72|", "|1.1.1.1|Other|"));
    assertEquals("not-numeric", set.observations().get(0).status());
    assertEquals("Other", set.observations().get(0).valueReceived());
    assertEquals(98.0, set.observations().get(1).value());
  }

  @Test
  void acknowledgementsNameTheControlId() {
    ZonedDateTime now = ZonedDateTime.of(2026, 11, 25, 10, 30, 5, 0, ZoneOffset.ofHours(1));
    assertEquals("MSH|^~\\&|PROCROOM|GATEWAY|MONITOR^ACDE48234567ABCD^EUI-64|OR3|20261125103005+0100||ACK^R01^ACK|"
        + "ACK1|P|2.6\rMSA|AA|MSG00042\r", Hl7Ack.build(ORU, Hl7Ack.Code.AA, Hl7Ack.Error.NONE, null, "ACK1", now));
    assertEquals("MSH|^~\\&|PROCROOM|GATEWAY|ADT|HOSP|20261125103005+0100||ACK^R01^ACK|ACK2|P|2.6\rMSA|AR|X1\r"
        + "ERR|||200^Unsupported message type^HL70357|E|||only ORU\\S\\R01 is accepted\r",
        Hl7Ack.build("MSH|^~\\&|ADT|HOSP|||20261125103000||ADT^A01|X1|P|2.6\r", Hl7Ack.Code.AR,
            Hl7Ack.Error.UNSUPPORTED_MESSAGE_TYPE, "only ORU^R01 is accepted", "ACK2", now));
  }

  @Test
  void anUnknownSegmentNeverRefusesAValidMessage() {
    ObservationSet set = read(ORU.replace("OBR|1|", "ZMO|vendor|private|data\rOBR|1|") + "ZEN|1|end\r");
    assertEquals(4, set.observations().size(), "every metric taken");
    assertEquals(72.0, set.observations().get(0).value());
  }

  @Test
  void aRefusalNamesTheFieldAtFault() {
    Pcd01Parser.Result result = new Pcd01Parser().parse("MSH|^~\\&|ADT|HOSP|||20261125103000||ADT^A01|X1|P|2.6\r");
    assertEquals("MSH^1^9", result.location());
    String ack = Hl7Ack.build("MSH|^~\\&|ADT|HOSP|||20261125103000||ADT^A01|X1|P|2.6\r", result.refusal(),
        result.error(), result.location(), result.reason(), "ACK3", ZonedDateTime.of(2026, 11, 25, 10, 30, 5, 0,
            ZoneOffset.UTC));
    assertTrue(ack.contains("\rERR||MSH^1^9|200^Unsupported message type^HL70357|E|||"), ack);
    String noObr = "MSH|^~\\&|MON|OR|||20261125103000||ORU^R01|N1|P|2.6\rOBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC||72\r";
    Pcd01Parser.Result lost = new Pcd01Parser().parse(noObr);
    assertEquals(Hl7Ack.Code.AE, lost.refusal(), "an OBX HAPI could not place is never dropped quietly");
    assertEquals("OBX", lost.location());
  }

  @Test
  void theTreeShowsMetricsUnderTheirChannels() {
    String tree = Pcd01Tree.render(read(ORU));
    assertEquals(String.join("\n",
        "message MSG00042, mode live",
        "1.0.0.1  MDC_ATTR_ID_MODEL (ST) = S/5 AM",
        "      1.1.1.1  MDC_ECG_HEART_RATE = 72 /min  OBX-11 R",
        "      1.2.1.1  MDC_PULS_OXIM_SAT_O2 = 98 %  OBX-11 R",
        "      1.3.1.1  MDC_PRESS_CUFF_SYS = 120 mm[Hg]  OBX-11 R",
        "      1.3.1.2  MDC_PRESS_CUFF_DIA = no value (cannot-be-obtained)  OBX-11 X", ""), tree);
  }

  @Test
  void mllpFramesSplitAcrossReadsAndNoiseBetweenThem() {
    byte[] framed = MllpDecoder.frame("MSH|a\rPID|b\r", StandardCharsets.UTF_8);
    assertArrayEquals(new byte[] {0x0B, 'M', 'S', 'H', '|', 'a', 0x0D, 'P', 'I', 'D', '|', 'b', 0x0D, 0x1C, 0x0D}, framed);
    MllpDecoder decoder = new MllpDecoder(1024, StandardCharsets.UTF_8);
    List<MllpFrame> frames = new ArrayList<>();
    byte[] wire = new byte[framed.length * 2 + 2];
    wire[0] = 'x';
    System.arraycopy(framed, 0, wire, 1, framed.length);
    wire[framed.length + 1] = '\n';
    System.arraycopy(framed, 0, wire, framed.length + 2, framed.length);
    for (byte b : wire) {
      decoder.decode(new byte[] {b}, 0, 1, frames::add);
    }
    assertEquals(List.of(new MllpFrame.Message("MSH|a\rPID|b\r"), new MllpFrame.Message("MSH|a\rPID|b\r")), frames);
  }

  @Test
  void mllpRejectionsSayWhy() {
    MllpDecoder decoder = new MllpDecoder(8, StandardCharsets.UTF_8);
    List<MllpFrame> frames = new ArrayList<>();
    byte[] wire = {0x0B, 'A', 0x1C, 'Z', 0x0B, '0', '1', '2', '3', '4', '5', '6', '7', '8', 0x1C, 0x0D, 0x0B, 'O', 'K', 0x1C, 0x0D};
    decoder.decode(wire, 0, wire.length, frames::add);
    assertEquals(List.of(new MllpFrame.Invalid("end block 0x1C followed by 0x5A instead of 0x0D"),
        new MllpFrame.Invalid("message longer than 8 bytes: skipped"), new MllpFrame.Message("OK")), frames);
  }
}
