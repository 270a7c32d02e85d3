package org.procroom.simulators.ultrasound;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationDataValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * The modality side of storage commitment as many ultrasound machines do it: an N-ACTION naming
 * the objects sent, then waiting on the same association for the N-EVENT-REPORT and answering it.
 * Command sets are encoded here by hand (implicit VR little endian), apart from the gateway's.
 */
public final class CommitmentClient implements AutoCloseable {
  private static final String COMMITMENT = "1.2.840.10008.1.20.1";
  private static final String WELL_KNOWN_INSTANCE = "1.2.840.10008.1.20.1.1";
  private static final byte CONTEXT = 1;
  private static final String IMPLICIT_LE = "1.2.840.10008.1.2";

  /** What the gateway reported: event type 1 (all committed) or 2, the committed UIDs, the failed ones with their reason. */
  public record Report(int eventTypeId, String transactionUid, List<String> committed, Map<String, Integer> failed) {}

  private final Association association;
  private int messageId;

  public CommitmentClient(String host, int port, String calledAe, String callingAe)
      throws DicomNetworkException, IOException {
    LinkedList<String> syntaxes = new LinkedList<>(List.of("1.2.840.10008.1.2.1", IMPLICIT_LE));
    LinkedList<PresentationContext> contexts = new LinkedList<>();
    contexts.add(new PresentationContext(CONTEXT, COMMITMENT, syntaxes));
    association = AssociationFactory.createNewAssociation(host, port, calledAe, callingAe, contexts, null, false);
  }

  /** Sends the N-ACTION for {@code sopInstances} (SOP class to instance UID pairs); returns its response status. */
  public int request(String transactionUid, List<String[]> sopInstances)
      throws DicomException, DicomNetworkException, IOException {
    AttributeList data = new AttributeList();
    uid(data, 0x1195, transactionUid);
    SequenceAttribute references = new SequenceAttribute(new AttributeTag(0x0008, 0x1199));
    for (String[] r : sopInstances) {
      AttributeList item = new AttributeList();
      uid(item, 0x1150, r[0]);
      uid(item, 0x1155, r[1]);
      references.addItem(item);
    }
    data.put(references);
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    try (DicomOutputStream out = new DicomOutputStream(encoded, null,
        association.getTransferSyntaxForPresentationContextID(CONTEXT))) {
      data.write(out);
    }
    Message response = new Message();
    association.setReceivedDataHandler(response);
    association.send(CONTEXT, nAction(++messageId), encoded.toByteArray());
    try {
      association.waitForPDataPDUsUntilHandlerReportsDone();
    } catch (AReleaseException e) {
      throw new DicomNetworkException("the gateway released the association instead of answering");
    }
    return Attribute.getSingleIntegerValueOrDefault(response.command(), new AttributeTag(0x0000, 0x0900), 0xFFFF);
  }

  /** Waits on the association for the N-EVENT-REPORT, answers it with success and returns what it said. */
  public Report awaitReport() throws DicomException, DicomNetworkException, IOException {
    Message report = new Message();
    association.setReceivedDataHandler(report);
    try {
      association.waitForPDataPDUsUntilHandlerReportsDone();
    } catch (AReleaseException e) {
      throw new DicomNetworkException("the gateway released the association without a report");
    }
    AttributeList command = report.command();
    int field = Attribute.getSingleIntegerValueOrDefault(command, new AttributeTag(0x0000, 0x0100), 0);
    if (field != 0x0100) {
      throw new DicomException(String.format("expected an N-EVENT-REPORT-RQ, got 0x%04X", field));
    }
    AttributeList data = CompositeResponseHandler.getAttributeListFromCommandOrData(report.data.toByteArray(),
        association.getTransferSyntaxForPresentationContextID(report.contextId));
    List<String> committed = new java.util.ArrayList<>();
    Map<String, Integer> failed = new LinkedHashMap<>();
    for (AttributeList item : items(data, 0x1199)) {
      committed.add(Attribute.getSingleStringValueOrEmptyString(item, new AttributeTag(0x0008, 0x1155)));
    }
    for (AttributeList item : items(data, 0x1198)) {
      failed.put(Attribute.getSingleStringValueOrEmptyString(item, new AttributeTag(0x0008, 0x1155)),
          Attribute.getSingleIntegerValueOrDefault(item, new AttributeTag(0x0008, 0x1197), -1));
    }
    int reportId = Attribute.getSingleIntegerValueOrDefault(command, new AttributeTag(0x0000, 0x0110), 0);
    association.send(report.contextId, eventReportResponse(reportId), null);
    return new Report(Attribute.getSingleIntegerValueOrDefault(command, new AttributeTag(0x0000, 0x1002), 0),
        Attribute.getSingleStringValueOrEmptyString(data, new AttributeTag(0x0008, 0x1195)), committed, failed);
  }

  private static List<AttributeList> items(AttributeList data, int element) {
    List<AttributeList> out = new java.util.ArrayList<>();
    if (data.get(new AttributeTag(0x0008, element)) instanceof SequenceAttribute s) {
      for (Iterator<?> i = s.iterator(); i.hasNext(); ) {
        out.add(((SequenceItem) i.next()).getAttributeList());
      }
    }
    return out;
  }

  private static byte[] nAction(int messageId) {
    return new CommandSet().uid(0x0003, COMMITMENT).ushort(0x0100, 0x0130).ushort(0x0110, messageId)
        .ushort(0x0800, 0x0000).uid(0x1001, WELL_KNOWN_INSTANCE).ushort(0x1008, 1).bytes();
  }

  private static byte[] eventReportResponse(int respondingTo) {
    return new CommandSet().uid(0x0002, COMMITMENT).ushort(0x0100, 0x8100).ushort(0x0120, respondingTo)
        .ushort(0x0800, 0x0101).ushort(0x0900, 0x0000).uid(0x1000, WELL_KNOWN_INSTANCE).bytes();
  }

  private static void uid(AttributeList list, int element, String value) throws DicomException {
    UniqueIdentifierAttribute a = new UniqueIdentifierAttribute(new AttributeTag(0x0008, element));
    a.addValue(value);
    list.put(a);
  }

  /** One message: its command set and, when announced, its data set. */
  private static final class Message extends CompositeResponseHandler {
    private final ByteArrayOutputStream commandBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private byte contextId;

    @Override
    public void sendPDataIndication(PDataPDU pdu, Association association)
        throws DicomNetworkException, DicomException, IOException {
      for (Object o : pdu.getPDVList()) {
        PresentationDataValue pdv = (PresentationDataValue) o;
        contextId = pdv.getPresentationContextID();
        (pdv.isCommand() ? commandBytes : data).write(pdv.getValue());
        if (pdv.isLastFragment()) {
          setDone(!pdv.isCommand() || Attribute.getSingleIntegerValueOrDefault(command(),
              new AttributeTag(0x0000, 0x0800), 0x0101) == 0x0101);
        }
      }
    }

    AttributeList command() throws DicomException, IOException, DicomNetworkException {
      return getAttributeListFromCommandOrData(commandBytes.toByteArray(), IMPLICIT_LE);
    }

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
      // the client reads what it needs itself
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
