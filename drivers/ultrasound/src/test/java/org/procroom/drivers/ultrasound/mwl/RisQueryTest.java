package org.procroom.drivers.ultrasound.mwl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** What the room does with each field of a RIS worklist answer that may be missing or odd. */
class RisQueryTest {
  private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");

  /** An answer built from the room's own query, its keys filled as a RIS would. */
  private static AttributeList answer(String accession, String patientId, String study, String date, String time)
      throws Exception {
    AttributeList a = RisQuery.identifier("US01", LocalDate.of(2026, 12, 2), "US");
    set(a, 0x0008, 0x0050, accession);
    set(a, 0x0010, 0x0020, patientId);
    set(a, 0x0010, 0x0010, "Doe^Jane");
    set(a, 0x0020, 0x000D, study);
    AttributeList sps = ((SequenceAttribute) a.get(new AttributeTag(0x0040, 0x0100))).getItem(0).getAttributeList();
    set(sps, 0x0040, 0x0002, date);
    set(sps, 0x0040, 0x0003, time);
    return a;
  }

  private static void set(AttributeList list, int group, int element, String value) throws Exception {
    Attribute a = list.get(new AttributeTag(group, element));
    a.removeValues();
    if (value != null) {
      a.addValue(value);
    }
  }

  @Test
  void aCompleteAnswerIsAStepAtItsLocalStart() throws Exception {
    RisQuery.Answer a = RisQuery.read(answer("ACC-1", "MRN-1", "1.2.3", "20261202", "143000"), VIENNA, "TPI");
    assertNull(a.refusal());
    assertEquals("ACC-1", a.step().accessionNumber());
    assertEquals("MRN-1", a.step().patientRef());
    assertEquals("Doe^Jane", a.step().patientName());
    assertEquals("1.2.3", a.step().studyInstanceUid());
    assertEquals(Instant.parse("2026-12-02T13:30:00Z"), a.step().scheduledAt());
  }

  @Test
  void everyFormOfDicomTimeIsRead() throws Exception {
    for (String[] tm : new String[][] {{"14", "13:00"}, {"1430", "13:30"}, {"143015.250", "13:30:15"},
        {"14:30:15", "13:30:15"}, {"", "2026-12-01T23:00"}}) {
      Instant start = RisQuery.read(answer("A", "P", "1.2", "20261202", tm[0]), VIENNA, "TPI").step().scheduledAt();
      String expected = tm[1].startsWith("2026") ? tm[1] + ":00Z" : "2026-12-02T" + (tm[1].length() == 5 ? tm[1] + ":00" : tm[1]) + "Z";
      assertEquals(Instant.parse(expected), start, tm[0]);
    }
  }

  @Test
  void whatTheRoomCannotUseIsRefusedWithItsReason() throws Exception {
    assertEquals("no Accession Number (0008,0050): the room cannot tell orders apart",
        RisQuery.read(answer(null, "P", "1.2", "20261202", "1430"), VIENNA, "TPI").refusal());
    assertEquals("no Patient ID (0010,0020): the patient cannot be checked at the wristband",
        RisQuery.read(answer("A", null, "1.2", "20261202", "1430"), VIENNA, "TPI").refusal());
    assertEquals("no valid Study Instance UID (0020,000D) for the modality to reuse",
        RisQuery.read(answer("A", "P", "1.2.x", "20261202", "1430"), VIENNA, "TPI").refusal());
    for (String[] bad : new String[][] {{"2026-12-02", "1430"}, {"20261302", "1430"}, {"20261202", "2561"},
        {"20261202", "1"}}) {
      assertEquals("unreadable Scheduled Procedure Step Start Date/Time (0040,0002/0003)",
          RisQuery.read(answer("A", "P", "1.2", bad[0], bad[1]), VIENNA, "TPI").refusal(), bad[0] + " " + bad[1]);
    }
  }

  @Test
  void anAnswerWithoutItsStepSequenceIsRefused() throws Exception {
    AttributeList a = answer("A", "P", "1.2", "20261202", "1430");
    a.remove(new AttributeTag(0x0040, 0x0100));
    assertEquals("no Scheduled Procedure Step Sequence (0040,0100)", RisQuery.read(a, VIENNA, "TPI").refusal());
  }
}
