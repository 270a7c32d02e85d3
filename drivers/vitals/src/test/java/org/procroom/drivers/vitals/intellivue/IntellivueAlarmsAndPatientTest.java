package org.procroom.drivers.vitals.intellivue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.gateway.api.ProcedureView;

/**
 * Alert monitor and patient demographics results. No public capture of either exists (see
 * docs/notes-intellivue-research.md), so these messages are written here from the layouts OpenICE
 * and VSCaptureMP define (DevAlarmEntry, StrAlMonInfo, String, AbsoluteTime), field by field as
 * the comments say; the expected values follow from those fields.
 */
class IntellivueAlarmsAndPatientTest {
  private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

  /**
   * A single-poll result (RORS, action 0x0C16) of one object of {@code objectClass}; each attribute
   * given as its id (4 hex digits) and value, the lengths and counts computed here.
   */
  private static DataExportMessage.PollResult poll(int objectClass, String... attributes) {
    StringBuilder list = new StringBuilder();
    int valueBytes = 0;
    for (String a : attributes) {
      String hex = a.replace(" ", "");
      int length = hex.length() / 2 - 2;
      list.append(hex, 0, 4).append(String.format("%04x", length)).append(hex.substring(4));
      valueBytes += 4 + length;
    }
    byte[] attrs = HexFormat.of().parseHex(String.format("%04x%04x", attributes.length, valueBytes) + list);
    int objectLength = 2 + attrs.length; // handle + attribute list
    int listLength = 2 + 4 + objectLength; // context id, count, length, objects
    int replyLength = 2 + 4 + 8 + 4 + 2 + 4 + listLength;
    int resultLength = 6 + 4 + replyLength;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 + 6 + resultLength);
    b.put(HexFormat.of().parseHex("e1000002")).putShort((short) 2).putShort((short) (6 + resultLength));
    b.putShort((short) 9).putShort((short) 7).putShort((short) resultLength);
    b.put(HexFormat.of().parseHex("002100000000")).putShort((short) 0x0C16).putShort((short) replyLength);
    b.putShort((short) 1).putInt(0x00010000).put(HexFormat.of().parseHex("ffffffffffffffff"));
    b.putShort((short) 1).putShort((short) objectClass).putShort((short) 0);
    b.putShort((short) 1).putShort((short) listLength);
    b.putShort((short) 1).putShort((short) 1).putShort((short) objectLength);
    b.putShort((short) 0x0123).put(attrs);
    return assertInstanceOf(DataExportMessage.PollResult.class, DataExportDecoder.read(b.array()));
  }

  @Test
  void aPhysiologicalAlarmWithItsTextAndATechnicalOneSilenced() {
    String entries = ""
        // source 41 82 (heart rate), code 02 BC, type 04 00 (high, physiological), state 00 08 (new),
        // object 00 06 00 01 82 D0, info 02 04 (StrAlMonInfo) of 0x1C bytes: instance 0, text id 0x00024182,
        // priority 2, flags 0x6000, a String of 16 bytes: "HR High" in UTF-16 and one NUL
        + "4182 02bc 0400 0008 0006000182d0 0204 001c 0000 00024182 0002 6000 0010 0048005200200048006900670068 0000"
        // source 4B B8 (SpO2), code 02 D8, type 00 02 (medium, technical), state 10 00 (silenced),
        // object 00 06 00 01 84 1C, AlMonGenInfo (02 01) of 10 bytes
        + "4bb8 02d8 0002 1000 00060001841c 0201 000a 0000 00024bb8 0001 0000";
    int length = entries.replace(" ", "").length() / 2;
    List<String> problems = new ArrayList<>();
    List<ObservationSet.Alarm> alarms = IntellivueAlarms.alarms(poll(0x36, String.format("0902 0002 %04x", length)
        + entries), AT, problems);
    assertEquals(List.of(), problems);
    assertEquals(new ObservationSet.Alarm("MDC_" + (3 << 16 | 0x02BC), 3 << 16 | 0x02BC, "MDC",
        "MDC_ECG_HEART_RATE", "HR High", "high", "active", AT,
        "physiological"), alarms.get(0));
    assertEquals(List.of("medium", "silenced", "technical"),
        List.of(alarms.get(1).priority(), alarms.get(1).state(), alarms.get(1).kind()));
  }

  @Test
  void aListThatDoesNotFitItsLengthIsAProblemNotAnAlarm() {
    List<String> problems = new ArrayList<>();
    assertEquals(List.of(), IntellivueAlarms.alarms(poll(0x36, "0902 0001 0006 4182 02bc 0400"), AT, problems));
    assertEquals(List.of("unreadable alarm list: alarm state: needs 2 bytes, 0 left"), problems);
  }

  // 09 5A patient id, a String of 8 bytes "4711"; 09 5C family "DOE" (6 bytes and a NUL of padding);
  // 09 5D given "JANE"; 09 58 date of birth 1970-05-17 (BCD, time 00); 09 57 state 2 (admitted)
  private static final String[] DEMOGRAPHICS = {"095a 0008 0034003700310031", "095c 0008 0044004f00450000",
      "095d 0008 004a0041004e0045", "0958 1970051700000000", "0957 0002"};

  @Test
  void theMonitorsPatient() {
    MonitorPatient p = MonitorPatient.of(poll(0x2A, DEMOGRAPHICS)).orElseThrow();
    assertEquals(new MonitorPatient("4711", "DOE", "JANE", LocalDate.of(1970, 5, 17), "admitted"), p);
    assertEquals("MonitorPatient[state=admitted]", p.toString(), "no name or id in a log line");
  }

  @Test
  void aMonitorLeftAdmittedToThePreviousPatient() {
    MonitorPatient p = MonitorPatient.of(poll(0x2A, DEMOGRAPHICS)).orElseThrow();
    ProcedureView same = new ProcedureView("p", "TPI", "4711", true, "Doe^Jane", null, AT);
    ProcedureView other = new ProcedureView("p", "TPI", "0815", true, "Roe^Richard", null, AT);
    assertEquals(Optional.empty(), p.mismatch(same));
    assertEquals(Optional.of("the monitor is admitted to another patient (its patient id differs from the open"
        + " procedure's)"), p.mismatch(other));
    MonitorPatient nameOnly = new MonitorPatient("", "ROE", "", null, "admitted");
    assertEquals(Optional.empty(), nameOnly.mismatch(other));
    assertEquals(true, nameOnly.mismatch(same).isPresent());
    assertEquals(Optional.empty(), new MonitorPatient("", "", "", null, "empty").mismatch(other));
  }
}
