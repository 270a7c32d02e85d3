package org.procroom.simulators.ultrasound;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.TimeAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedList;

/**
 * The modality side of MPPS: N-CREATE "IN PROGRESS" when guidance starts, N-SET "COMPLETED" or
 * "DISCONTINUED" at its end, each answered with a DIMSE status. Command sets are encoded here by
 * hand (implicit VR little endian), apart from the gateway's encoder.
 */
public final class MppsClient implements AutoCloseable {
  private static final String MPPS = "1.2.840.10008.3.1.2.3.3";
  private static final byte CONTEXT = 1;

  private final Association association;
  private int messageId;

  public MppsClient(String host, int port, String calledAe, String callingAe) throws DicomNetworkException, IOException {
    LinkedList<String> syntaxes = new LinkedList<>();
    syntaxes.add("1.2.840.10008.1.2.1");
    syntaxes.add("1.2.840.10008.1.2");
    LinkedList<PresentationContext> contexts = new LinkedList<>();
    contexts.add(new PresentationContext(CONTEXT, MPPS, syntaxes));
    association = AssociationFactory.createNewAssociation(host, port, calledAe, callingAe, contexts, null, false);
  }

  /** N-CREATE of a step IN PROGRESS for the study; returns the DIMSE status. */
  public int start(String stepUid, String studyUid) throws DicomException, DicomNetworkException, IOException {
    AttributeList data = new AttributeList();
    put(data, new CodeStringAttribute(tag(0x0040, 0x0252)), "IN PROGRESS");
    put(data, new CodeStringAttribute(tag(0x0008, 0x0060)), "US");
    LocalDateTime now = LocalDateTime.now();
    put(data, new DateAttribute(tag(0x0040, 0x0244)), now.format(DateTimeFormatter.BASIC_ISO_DATE));
    put(data, new TimeAttribute(tag(0x0040, 0x0245)), now.format(DateTimeFormatter.ofPattern("HHmmss")));
    AttributeList scheduled = new AttributeList();
    put(scheduled, new UniqueIdentifierAttribute(tag(0x0020, 0x000D)), studyUid);
    SequenceAttribute steps = new SequenceAttribute(tag(0x0040, 0x0270));
    steps.addItem(scheduled);
    data.put(steps);
    return send(0x0140, 0x0002, 0x1000, stepUid, data);
  }

  /** N-SET to COMPLETED or DISCONTINUED with the series performed; returns the DIMSE status. */
  public int finish(String stepUid, String status, String seriesUid) throws DicomException, DicomNetworkException,
      IOException {
    AttributeList data = new AttributeList();
    put(data, new CodeStringAttribute(tag(0x0040, 0x0252)), status);
    LocalDateTime now = LocalDateTime.now();
    put(data, new DateAttribute(tag(0x0040, 0x0250)), now.format(DateTimeFormatter.BASIC_ISO_DATE));
    put(data, new TimeAttribute(tag(0x0040, 0x0251)), now.format(DateTimeFormatter.ofPattern("HHmmss")));
    AttributeList series = new AttributeList();
    put(series, new UniqueIdentifierAttribute(tag(0x0020, 0x000E)), seriesUid);
    put(series, new ShortStringAttribute(tag(0x0008, 0x103E)), "needle guidance");
    SequenceAttribute performed = new SequenceAttribute(tag(0x0040, 0x0340));
    performed.addItem(series);
    data.put(performed);
    return send(0x0120, 0x0003, 0x1001, stepUid, data);
  }

  private int send(int field, int classElement, int instanceElement, String uid, AttributeList data)
      throws DicomException, DicomNetworkException, IOException {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    DicomOutputStream out = new DicomOutputStream(encoded, null,
        association.getTransferSyntaxForPresentationContextID(CONTEXT));
    data.write(out);
    out.close();
    StatusHandler handler = new StatusHandler();
    association.setReceivedDataHandler(handler);
    association.send(CONTEXT, command(field, classElement, instanceElement, uid, ++messageId), encoded.toByteArray());
    try {
      association.waitForCommandPDataPDUs();
    } catch (com.pixelmed.network.AReleaseException e) {
      throw new DicomNetworkException("the gateway released the association instead of answering");
    }
    return handler.getStatus();
  }

  private static byte[] command(int field, int classElement, int instanceElement, String uid, int messageId) {
    return new CommandSet().uid(classElement, MPPS).ushort(0x0100, field).ushort(0x0110, messageId)
        .ushort(0x0800, 0x0000).uid(instanceElement, uid).bytes();
  }

  private static AttributeTag tag(int group, int element) {
    return new AttributeTag(group, element);
  }

  private static void put(AttributeList list, Attribute a, String value) throws DicomException {
    a.addValue(value);
    list.put(a);
  }

  /** Reads the Status (0000,0900) of a response. */
  private static final class StatusHandler extends CompositeResponseHandler {
    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
      status = Attribute.getSingleIntegerValueOrDefault(list, new AttributeTag(0x0000, 0x0900), 0xFFFF);
      success = status == 0;
    }
  }

  @Override
  public void close() {
    try {
      association.release();
    } catch (DicomNetworkException ignored) {
      // the gateway may have gone first
    }
  }
}
