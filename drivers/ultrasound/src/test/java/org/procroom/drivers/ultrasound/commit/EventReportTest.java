package org.procroom.drivers.ultrasound.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's data set as PS3.4 J.3.3.1 lays it out: a sequence only when it has items. */
class EventReportTest {
  private static final Reference A = new Reference("1.2.840.10008.5.1.4.1.1.6.1", "1.2.3.1");
  private static final Reference B = new Reference("1.2.840.10008.5.1.4.1.1.6.1", "1.2.3.2");

  @Test
  void allCommittedIsEventOneWithoutAFailedSequence() throws Exception {
    List<Outcome> outcomes = List.of(Outcome.committed(A), Outcome.committed(B));
    AttributeList data = EventReport.dataSet("2.25.9", "PROCROOM", outcomes);
    assertEquals(1, EventReport.eventTypeId(outcomes));
    assertEquals("2.25.9", Attribute.getSingleStringValueOrEmptyString(data, new AttributeTag(0x0008, 0x1195)));
    assertEquals("PROCROOM", Attribute.getSingleStringValueOrEmptyString(data, new AttributeTag(0x0008, 0x0054)));
    assertEquals(2, ((SequenceAttribute) data.get(new AttributeTag(0x0008, 0x1199))).getNumberOfItems());
    assertNull(data.get(new AttributeTag(0x0008, 0x1198)));
  }

  @Test
  void noneCommittedIsEventTwoWithReasonsAndNoReferencedSequence() throws Exception {
    List<Outcome> outcomes = List.of(new Outcome(A, Outcome.NO_SUCH_OBJECT_INSTANCE, "never received"));
    AttributeList data = EventReport.dataSet("2.25.9", "PROCROOM", outcomes);
    assertEquals(2, EventReport.eventTypeId(outcomes));
    assertNull(data.get(new AttributeTag(0x0008, 0x1199)));
    assertNull(data.get(new AttributeTag(0x0008, 0x0054)), "nothing to retrieve");
    AttributeList item = ((SequenceAttribute) data.get(new AttributeTag(0x0008, 0x1198))).getItem(0).getAttributeList();
    assertEquals(0x0112, Attribute.getSingleIntegerValueOrDefault(item, new AttributeTag(0x0008, 0x1197), -1));
    assertEquals("1.2.3.1", Attribute.getSingleStringValueOrEmptyString(item, new AttributeTag(0x0008, 0x1155)));
  }
}
