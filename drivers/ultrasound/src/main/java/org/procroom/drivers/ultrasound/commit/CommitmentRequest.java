package org.procroom.drivers.ultrasound.commit;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A Storage Commitment Push Model request (PS3.4 J.3.2): the N-ACTION's Transaction UID and its
 * Referenced SOP Sequence, read from the data set as the modality sent it. An item without both
 * UIDs is kept, and later answered as a failure, so that no reference is silently dropped.
 */
public record CommitmentRequest(String transactionUid, List<Reference> references) {
  public static final String SOP_CLASS = "1.2.840.10008.1.20.1";
  /** The well-known SOP Instance every request and report names (PS3.4 J.3.1). */
  public static final String SOP_INSTANCE = "1.2.840.10008.1.20.1.1";
  public static final int REQUEST_STORAGE_COMMITMENT = 1;

  static final AttributeTag TRANSACTION_UID = new AttributeTag(0x0008, 0x1195);
  static final AttributeTag REFERENCED_SOP_SEQUENCE = new AttributeTag(0x0008, 0x1199);
  static final AttributeTag FAILED_SOP_SEQUENCE = new AttributeTag(0x0008, 0x1198);
  static final AttributeTag REFERENCED_SOP_CLASS = new AttributeTag(0x0008, 0x1150);
  static final AttributeTag REFERENCED_SOP_INSTANCE = new AttributeTag(0x0008, 0x1155);
  static final AttributeTag FAILURE_REASON = new AttributeTag(0x0008, 0x1197);
  static final AttributeTag RETRIEVE_AE_TITLE = new AttributeTag(0x0008, 0x0054);

  public CommitmentRequest {
    references = List.copyOf(references);
  }

  /** The request, or why it cannot be taken, with the N-ACTION status that says so. */
  public record Reading(CommitmentRequest request, int status, String refusal) {
    public boolean accepted() {
      return request != null;
    }
  }

  /** N-ACTION statuses of PS3.7 10.1.4.1.10 (and C.4) used for a request that cannot be taken. */
  public static final int NO_SUCH_SOP_INSTANCE = 0x0112;
  public static final int NO_SUCH_SOP_CLASS = 0x0118;
  public static final int NO_SUCH_ACTION_TYPE = 0x0123;
  public static final int INVALID_ARGUMENT_VALUE = 0x0115;

  /**
   * Reads a request: {@code requestedInstance} and {@code actionTypeId} from the N-ACTION's
   * command, {@code data} its data set.
   */
  public static Reading read(String requestedInstance, int actionTypeId, AttributeList data) {
    if (!SOP_INSTANCE.equals(requestedInstance)) {
      return refused(NO_SUCH_SOP_INSTANCE, "requested SOP instance is not " + SOP_INSTANCE);
    }
    if (actionTypeId != REQUEST_STORAGE_COMMITMENT) {
      return refused(NO_SUCH_ACTION_TYPE, "action type " + actionTypeId + " is not 1 (request storage commitment)");
    }
    String transaction = Attribute.getSingleStringValueOrEmptyString(data, TRANSACTION_UID).trim();
    if (transaction.isEmpty()) {
      return refused(INVALID_ARGUMENT_VALUE, "no Transaction UID (0008,1195)");
    }
    if (transaction.length() > 64 || !transaction.matches("[0-9]+(\\.[0-9]+)*")) {
      return refused(INVALID_ARGUMENT_VALUE, "Transaction UID (0008,1195) is not a UID");
    }
    if (!(data.get(REFERENCED_SOP_SEQUENCE) instanceof SequenceAttribute sequence) || sequence.getNumberOfItems() == 0) {
      return refused(INVALID_ARGUMENT_VALUE, "no items in the Referenced SOP Sequence (0008,1199)");
    }
    List<Reference> references = new ArrayList<>();
    for (Iterator<?> i = sequence.iterator(); i.hasNext(); ) {
      AttributeList item = ((SequenceItem) i.next()).getAttributeList();
      references.add(new Reference(uidOrEmpty(Attribute.getSingleStringValueOrEmptyString(item, REFERENCED_SOP_CLASS)),
          uidOrEmpty(Attribute.getSingleStringValueOrEmptyString(item, REFERENCED_SOP_INSTANCE))));
    }
    return new Reading(new CommitmentRequest(transaction, references), 0, null);
  }

  /** The N-ACTION data set of a request the gateway makes of an archive. */
  public AttributeList dataSet() throws com.pixelmed.dicom.DicomException {
    AttributeList list = new AttributeList();
    com.pixelmed.dicom.UniqueIdentifierAttribute tx = new com.pixelmed.dicom.UniqueIdentifierAttribute(TRANSACTION_UID);
    tx.addValue(transactionUid);
    list.put(tx);
    SequenceAttribute sequence = new SequenceAttribute(REFERENCED_SOP_SEQUENCE);
    for (Reference r : references) {
      AttributeList item = new AttributeList();
      com.pixelmed.dicom.UniqueIdentifierAttribute c = new com.pixelmed.dicom.UniqueIdentifierAttribute(REFERENCED_SOP_CLASS);
      c.addValue(r.sopClassUid());
      item.put(c);
      com.pixelmed.dicom.UniqueIdentifierAttribute i = new com.pixelmed.dicom.UniqueIdentifierAttribute(REFERENCED_SOP_INSTANCE);
      i.addValue(r.sopInstanceUid());
      item.put(i);
      sequence.addItem(item);
    }
    list.put(sequence);
    return list;
  }

  /** A UID as sent, or empty when it is none (the item then fails as lacking its UID). */
  private static String uidOrEmpty(String value) {
    String v = value.trim();
    return v.length() <= 64 && v.matches("[0-9]+(\\.[0-9]+)*") ? v : "";
  }

  private static Reading refused(int status, String why) {
    return new Reading(null, status, why);
  }
}
