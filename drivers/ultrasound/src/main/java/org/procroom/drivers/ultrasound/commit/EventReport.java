package org.procroom.drivers.ultrasound.commit;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.ApplicationEntityAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.util.List;

/**
 * The data set of the storage commitment N-EVENT-REPORT (PS3.4 J.3.3.1): the Transaction UID,
 * the committed objects in the Referenced SOP Sequence, the others in the Failed SOP Sequence
 * with their Failure Reason. Each sequence is present only when it has items.
 */
public final class EventReport {
  public static final int ALL_COMMITTED = 1;
  public static final int FAILURES_EXIST = 2;

  private EventReport() {}

  public static int eventTypeId(List<Outcome> outcomes) {
    return outcomes.stream().allMatch(Outcome::isCommitted) ? ALL_COMMITTED : FAILURES_EXIST;
  }

  /** {@code retrieveAe}: where the committed objects can be retrieved from (the gateway's AE title). */
  public static AttributeList dataSet(String transactionUid, String retrieveAe, List<Outcome> outcomes)
      throws DicomException {
    if (!outcomes.stream().allMatch(Outcome::isFinal)) {
      throw new IllegalArgumentException("a report carries final outcomes only");
    }
    AttributeList list = new AttributeList();
    put(list, uid(CommitmentRequest.TRANSACTION_UID, transactionUid));
    SequenceAttribute committed = new SequenceAttribute(CommitmentRequest.REFERENCED_SOP_SEQUENCE);
    SequenceAttribute failed = new SequenceAttribute(CommitmentRequest.FAILED_SOP_SEQUENCE);
    for (Outcome o : outcomes) {
      AttributeList item = new AttributeList();
      put(item, uid(CommitmentRequest.REFERENCED_SOP_CLASS, o.reference().sopClassUid()));
      put(item, uid(CommitmentRequest.REFERENCED_SOP_INSTANCE, o.reference().sopInstanceUid()));
      if (o.isCommitted()) {
        committed.addItem(item);
      } else {
        UnsignedShortAttribute reason = new UnsignedShortAttribute(CommitmentRequest.FAILURE_REASON);
        reason.addValue(o.failureReason());
        put(item, reason);
        failed.addItem(item);
      }
    }
    if (committed.getNumberOfItems() > 0) {
      ApplicationEntityAttribute ae = new ApplicationEntityAttribute(CommitmentRequest.RETRIEVE_AE_TITLE);
      ae.addValue(retrieveAe);
      put(list, ae);
      put(list, committed);
    }
    if (failed.getNumberOfItems() > 0) {
      put(list, failed);
    }
    return list;
  }

  /** A report as an archive sent it: its transaction and each object's result (0, or its Failure Reason). */
  public record Received(String transactionUid, java.util.Map<String, Integer> outcomes) {}

  /** Reads a report's data set; an item without its SOP Instance UID is left out (it names nothing). */
  public static Received read(AttributeList data) {
    java.util.Map<String, Integer> outcomes = new java.util.LinkedHashMap<>();
    items(data, CommitmentRequest.REFERENCED_SOP_SEQUENCE, item -> 0, outcomes);
    items(data, CommitmentRequest.FAILED_SOP_SEQUENCE, item -> com.pixelmed.dicom.Attribute
        .getSingleIntegerValueOrDefault(item, CommitmentRequest.FAILURE_REASON, Outcome.PROCESSING_FAILURE), outcomes);
    return new Received(com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(data,
        CommitmentRequest.TRANSACTION_UID).trim(), outcomes);
  }

  private static void items(AttributeList data, com.pixelmed.dicom.AttributeTag sequence,
      java.util.function.ToIntFunction<AttributeList> result, java.util.Map<String, Integer> into) {
    if (data.get(sequence) instanceof SequenceAttribute s) {
      for (java.util.Iterator<?> i = s.iterator(); i.hasNext(); ) {
        AttributeList item = ((com.pixelmed.dicom.SequenceItem) i.next()).getAttributeList();
        String uid = com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(item,
            CommitmentRequest.REFERENCED_SOP_INSTANCE).trim();
        if (!uid.isEmpty()) {
          into.put(uid, result.applyAsInt(item));
        }
      }
    }
  }

  private static UniqueIdentifierAttribute uid(com.pixelmed.dicom.AttributeTag tag, String value) throws DicomException {
    UniqueIdentifierAttribute a = new UniqueIdentifierAttribute(tag);
    a.addValue(value);
    return a;
  }

  private static void put(AttributeList list, com.pixelmed.dicom.Attribute a) {
    list.put(a.getTag(), a);
  }
}
