package org.procroom.drivers.ultrasound.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the SCP does with each field of an N-ACTION a modality may get wrong (PS3.4 J.3.2, PS3.7 10.1.4). */
class CommitmentRequestTest {
  private static final String US = "1.2.840.10008.5.1.4.1.1.6.1";

  private static AttributeList request(String transaction, String[]... items) throws DicomException {
    AttributeList list = new AttributeList();
    if (transaction != null) {
      uid(list, 0x1195, transaction);
    }
    SequenceAttribute sequence = new SequenceAttribute(new AttributeTag(0x0008, 0x1199));
    for (String[] i : items) {
      AttributeList item = new AttributeList();
      if (i[0] != null) {
        uid(item, 0x1150, i[0]);
      }
      if (i[1] != null) {
        uid(item, 0x1155, i[1]);
      }
      sequence.addItem(item);
    }
    list.put(sequence);
    return list;
  }

  private static void uid(AttributeList list, int element, String value) throws DicomException {
    UniqueIdentifierAttribute a = new UniqueIdentifierAttribute(new AttributeTag(0x0008, element));
    a.addValue(value);
    list.put(a);
  }

  @Test
  void aRequestIsReadWithEveryReference() throws Exception {
    CommitmentRequest.Reading r = CommitmentRequest.read(CommitmentRequest.SOP_INSTANCE, 1,
        request("2.25.7", new String[] {US, "1.2.3.1"}, new String[] {US, "1.2.3.2"}));
    assertTrue(r.accepted());
    assertEquals("2.25.7", r.request().transactionUid());
    assertEquals(List.of(new Reference(US, "1.2.3.1"), new Reference(US, "1.2.3.2")), r.request().references());
  }

  @Test
  void anItemWithoutItsUidsIsKeptToBeAnsweredAsAFailure() throws Exception {
    CommitmentRequest.Reading r = CommitmentRequest.read(CommitmentRequest.SOP_INSTANCE, 1,
        request("2.25.7", new String[] {US, null}, new String[] {null, "1.2.3.2"}, new String[] {US, "1.2\t3"}));
    assertEquals(List.of(new Reference(US, ""), new Reference("", "1.2.3.2"), new Reference(US, "")),
        r.request().references(), "a value that is no UID (a tab in it) is none");
  }

  @Test
  void anotherSopInstanceThanTheWellKnownOneIsNoSuchInstance() throws Exception {
    CommitmentRequest.Reading r = CommitmentRequest.read("1.2.840.10008.1.20.1.2", 1,
        request("2.25.7", new String[] {US, "1.2.3.1"}));
    assertFalse(r.accepted());
    assertEquals(0x0112, r.status());
  }

  @Test
  void anotherActionTypeIsNoSuchAction() throws Exception {
    assertEquals(0x0123, CommitmentRequest.read(CommitmentRequest.SOP_INSTANCE, 2,
        request("2.25.7", new String[] {US, "1.2.3.1"})).status());
  }

  @Test
  void noTransactionUidOrNoReferencesIsAnInvalidArgument() throws Exception {
    assertEquals(0x0115, CommitmentRequest.read(CommitmentRequest.SOP_INSTANCE, 1,
        request(null, new String[] {US, "1.2.3.1"})).status());
    assertEquals(0x0115, CommitmentRequest.read(CommitmentRequest.SOP_INSTANCE, 1, request("2.25.7")).status());
    assertEquals(0x0115, CommitmentRequest.read(CommitmentRequest.SOP_INSTANCE, 1, new AttributeList()).status());
  }

  @Test
  void aTransactionUidThatIsNoUidIsAnInvalidValue() throws Exception {
    CommitmentRequest.Reading r = CommitmentRequest.read(CommitmentRequest.SOP_INSTANCE, 1,
        request("2.25.7;DROP", new String[] {US, "1.2.3.1"}));
    assertEquals(0x0115, r.status());
    assertEquals("Transaction UID (0008,1195) is not a UID", r.refusal());
  }
}
