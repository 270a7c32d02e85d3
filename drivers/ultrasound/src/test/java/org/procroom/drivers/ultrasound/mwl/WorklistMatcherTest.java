package org.procroom.drivers.ultrasound.mwl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TimeAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.ProcedureView;

class WorklistMatcherTest {
  private static final AttributeTag PATIENT_NAME = new AttributeTag(0x0010, 0x0010);
  private static final AttributeTag PATIENT_ID = new AttributeTag(0x0010, 0x0020);
  private static final AttributeTag STUDY_UID = new AttributeTag(0x0020, 0x000D);
  private static final AttributeTag STEPS = new AttributeTag(0x0040, 0x0100);
  private static final AttributeTag MODALITY = new AttributeTag(0x0008, 0x0060);
  private static final AttributeTag START_DATE = new AttributeTag(0x0040, 0x0002);
  private static final AttributeTag START_TIME = new AttributeTag(0x0040, 0x0003);

  private final ProcedureView procedure = new ProcedureView("01a21230-b8d8-7424-9dfb-bef016d1dd1f", "TPI", "PAT-42",
      true, "Doe^Jane", "ACC-9", Instant.parse("2026-11-25T10:30:00Z"));

  private AttributeList item() throws DicomException {
    return WorklistItems.of(procedure, "US01", ZoneOffset.UTC, true, "");
  }

  private static AttributeList query(Attribute... keys) {
    AttributeList q = new AttributeList();
    for (Attribute a : keys) {
      q.put(a);
    }
    return q;
  }

  private static Attribute with(Attribute a, String... values) throws DicomException {
    for (String v : values) {
      a.addValue(v);
    }
    return a;
  }

  private static SequenceAttribute steps(Attribute... keys) {
    SequenceAttribute s = new SequenceAttribute(STEPS);
    s.addItem(query(keys));
    return s;
  }

  @Test
  void emptyKeysMatchEverythingAndOnlyRequestedKeysComeBack() throws Exception {
    AttributeList q = query(new PersonNameAttribute(PATIENT_NAME), new LongStringAttribute(PATIENT_ID));
    List<AttributeList> found = WorklistMatcher.find(q, List.of(item()));
    assertEquals(1, found.size());
    assertEquals(2, found.get(0).size(), "no key the query did not ask for");
    assertEquals("Doe^Jane", Attribute.getSingleStringValueOrEmptyString(found.get(0), PATIENT_NAME));
    assertEquals("PAT-42", Attribute.getSingleStringValueOrEmptyString(found.get(0), PATIENT_ID));
  }

  @Test
  void singleValueAndCaseInsensitiveWildcardsOnNames() throws Exception {
    assertTrue(WorklistMatcher.matches(query(with(new LongStringAttribute(PATIENT_ID), "PAT-42")), item()));
    assertFalse(WorklistMatcher.matches(query(with(new LongStringAttribute(PATIENT_ID), "PAT-4")), item()));
    assertTrue(WorklistMatcher.matches(query(with(new PersonNameAttribute(PATIENT_NAME), "doe*")), item()));
    assertTrue(WorklistMatcher.matches(query(with(new PersonNameAttribute(PATIENT_NAME), "D?E^J*")), item()));
    assertFalse(WorklistMatcher.matches(query(with(new PersonNameAttribute(PATIENT_NAME), "Smith*")), item()));
  }

  @Test
  void uidListMatchesAnyOfItsValues() throws Exception {
    String study = procedure.studyInstanceUid();
    assertTrue(study.startsWith("2.25."), study);
    assertTrue(WorklistMatcher.matches(query(with(new UniqueIdentifierAttribute(STUDY_UID), "1.2.3", study)), item()));
    assertFalse(WorklistMatcher.matches(query(with(new UniqueIdentifierAttribute(STUDY_UID), "1.2.3", "1.2.4")), item()));
  }

  @Test
  void dateAndTimeRangesInsideTheScheduledStep() throws Exception {
    assertTrue(WorklistMatcher.matches(query(steps(with(new DateAttribute(START_DATE), "20261125-20261126"))), item()));
    assertTrue(WorklistMatcher.matches(query(steps(with(new DateAttribute(START_DATE), "-20261125"))), item()));
    assertFalse(WorklistMatcher.matches(query(steps(with(new DateAttribute(START_DATE), "20261126-"))), item()));
    assertTrue(WorklistMatcher.matches(query(steps(with(new TimeAttribute(START_TIME), "10-10"))), item()),
        "an upper bound of 10 covers 10:59:59");
    assertFalse(WorklistMatcher.matches(query(steps(with(new TimeAttribute(START_TIME), "1031-"))), item()));
  }

  @Test
  void sequenceMatchingNeedsOneItemMatchingAllItsKeys() throws Exception {
    assertTrue(WorklistMatcher.matches(query(steps(with(new CodeStringAttribute(MODALITY), "US"))), item()));
    assertFalse(WorklistMatcher.matches(query(steps(with(new CodeStringAttribute(MODALITY), "MR"))), item()));
    AttributeList response = WorklistMatcher.response(query(steps(with(new CodeStringAttribute(MODALITY), "US"),
        new DateAttribute(START_DATE))), item());
    SequenceAttribute returned = (SequenceAttribute) response.get(STEPS);
    AttributeList step = returned.iterator().next().getAttributeList();
    assertEquals(2, step.size(), "only the requested keys of the step");
    assertEquals("20261125", Attribute.getSingleStringValueOrEmptyString(step, START_DATE));
  }
}
