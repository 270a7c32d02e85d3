package org.procroom.drivers.ultrasound.scp;

import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.Severity;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.procroom.drivers.ultrasound.mpps.DimseCommand;
import org.procroom.drivers.ultrasound.mpps.PerformedSteps;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.EventDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modality Performed Procedure Step SCP (N-CREATE, N-SET) on PixelMed's association layer: the
 * modality says guidance started, completed or was discontinued. Each accepted request is recorded
 * before its response is sent; a change after a final state is refused (0110H).
 */
public final class MppsService {
  private static final Logger LOG = LoggerFactory.getLogger(MppsService.class);
  private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  private static final AttributeTag STATUS = new AttributeTag(0x0040, 0x0252);
  private static final AttributeTag START_DATE = new AttributeTag(0x0040, 0x0244);
  private static final AttributeTag START_TIME = new AttributeTag(0x0040, 0x0245);
  private static final AttributeTag END_DATE = new AttributeTag(0x0040, 0x0250);
  private static final AttributeTag END_TIME = new AttributeTag(0x0040, 0x0251);
  private static final AttributeTag SCHEDULED_STEPS = new AttributeTag(0x0040, 0x0270);
  private static final AttributeTag PERFORMED_SERIES = new AttributeTag(0x0040, 0x0340);
  private static final AttributeTag STUDY = new AttributeTag(0x0020, 0x000D);

  /** Payload of {@code mpps.*} events. */
  public record Step(String sopInstanceUid, String status, String studyInstanceUid, String start, String end,
      int performedSeries, String callingAe, Severity severity, String reason) {}

  private final AssociationGate gate;
  private final DriverContext context;
  private final String aeTitle;
  private final int maxPdu;
  private final StepJournal journal;
  private final PerformedSteps steps;

  MppsService(AssociationGate gate, DriverContext context, String aeTitle, int maxPdu, StepJournal journal) {
    this.gate = gate;
    this.context = context;
    this.aeTitle = aeTitle;
    this.maxPdu = maxPdu;
    this.journal = journal;
    this.steps = new PerformedSteps(journal.known());
  }

  void associate(Socket socket, Runnable ended) {
    AssociateRequest request = gate.admit(socket);
    if (request == null) {
      return;
    }
    try {
      Association association = AssociationFactory.createNewAssociation(new ReplaySocket(socket, request.bytes(), ended),
          aeTitle, maxPdu, 0, 0, new ServicePolicy(java.util.Set.of(ServicePolicy.MPPS)));
      while (true) {
        RequestHandler handler = new RequestHandler();
        association.setReceivedDataHandler(handler);
        association.waitForPDataPDUsUntilHandlerReportsDone();
        answer(association, handler, request.callingAe());
      }
    } catch (AReleaseException e) {
      LOG.debug("{}: MPPS association with '{}' released", context.deviceId(), request.callingAe());
    } catch (IOException | DicomException | DicomNetworkException e) {
      LOG.info("{}: MPPS association with '{}' ended: {}", context.deviceId(), request.callingAe(), e.getMessage());
    }
  }

  private void answer(Association association, RequestHandler request, String callingAe)
      throws DicomNetworkException, DicomException, IOException {
    AttributeList command = CompositeResponseHandler.getAttributeListFromCommandOrData(request.command(), IMPLICIT_LE);
    int field = Attribute.getSingleIntegerValueOrDefault(command, new AttributeTag(0x0000, 0x0100), 0);
    int messageId = Attribute.getSingleIntegerValueOrDefault(command, new AttributeTag(0x0000, 0x0110), 0);
    AttributeList data = request.data().length == 0 ? new AttributeList()
        : CompositeResponseHandler.getAttributeListFromCommandOrData(request.data(),
            association.getTransferSyntaxForPresentationContextID(request.contextId()));
    String status = Attribute.getSingleStringValueOrEmptyString(data, STATUS).trim();
    String uid;
    PerformedSteps.Outcome outcome;
    int responseField;
    if (field == DimseCommand.N_CREATE_RQ) {
      uid = Attribute.getSingleStringValueOrEmptyString(command, new AttributeTag(0x0000, 0x1000)).trim();
      if (uid.isEmpty()) {
        uid = "2.25." + new java.math.BigInteger(1, uuidBytes(UUID.randomUUID()));
      }
      outcome = steps.create(uid, status);
      responseField = DimseCommand.N_CREATE_RSP;
    } else if (field == DimseCommand.N_SET_RQ) {
      uid = Attribute.getSingleStringValueOrEmptyString(command, new AttributeTag(0x0000, 0x1001)).trim();
      outcome = steps.set(uid, status);
      responseField = DimseCommand.N_SET_RSP;
    } else {
      throw new DicomException(String.format("MPPS: unsupported DIMSE command 0x%04X", field));
    }
    if (outcome.accepted()) {
      String type = field == DimseCommand.N_CREATE_RQ ? EventTypes.MPPS_STARTED
          : PerformedSteps.COMPLETED.equals(outcome.state()) ? EventTypes.MPPS_COMPLETED
          : PerformedSteps.DISCONTINUED.equals(outcome.state()) ? EventTypes.MPPS_DISCONTINUED : EventTypes.MPPS_UPDATED;
      Step step = new Step(uid, outcome.state(), study(data), dateTime(data, START_DATE, START_TIME),
          dateTime(data, END_DATE, END_TIME), series(data), callingAe,
          PerformedSteps.DISCONTINUED.equals(outcome.state()) ? Severity.WARNING : Severity.OK, null);
      try {
        context.emit(new EventDraft(type, null, context.clock().now(), step)).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        steps.apply(uid, outcome.state());
        remember(uid, outcome.state());
      } catch (Exception e) {
        outcome = new PerformedSteps.Outcome(PerformedSteps.PROCESSING_FAILURE, outcome.state(),
            "not recorded by the gateway: " + e.getMessage());
      }
    } else {
      LOG.warn("{}: MPPS request from '{}' refused: {}", context.deviceId(), callingAe, outcome.comment());
      context.emit(new EventDraft(EventTypes.MPPS_REFUSED, null, context.clock().now(), new Step(uid, outcome.state(), null,
          null, null, 0, callingAe, Severity.WARNING, outcome.comment())));
    }
    association.send(request.contextId(), DimseCommand.response(responseField, ServicePolicy.MPPS, messageId,
        outcome.status(), uid, outcome.comment()), null);
  }

  /** The record has the change already; without the journal only a restart would forget the step. */
  private void remember(String uid, String state) {
    try {
      journal.append(uid, state);
    } catch (IOException e) {
      LOG.error("{}: MPPS step state not kept on disk, a restart will forget it: {}", context.deviceId(), e.getMessage());
    }
  }

  private static String study(AttributeList data) {
    if (data.get(SCHEDULED_STEPS) instanceof SequenceAttribute s && s.getNumberOfItems() > 0) {
      return Attribute.getSingleStringValueOrEmptyString(s.iterator().next().getAttributeList(), STUDY).trim();
    }
    return null;
  }

  private static int series(AttributeList data) {
    return data.get(PERFORMED_SERIES) instanceof SequenceAttribute s ? s.getNumberOfItems() : 0;
  }

  private static String dateTime(AttributeList data, AttributeTag date, AttributeTag time) {
    String d = Attribute.getSingleStringValueOrEmptyString(data, date).trim();
    return d.isEmpty() ? null : d + Attribute.getSingleStringValueOrEmptyString(data, time).trim();
  }

  private static byte[] uuidBytes(UUID uuid) {
    return java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits()).array();
  }

  /** Collects one request: its command and, when announced, its data set, on one presentation context. */
  private static final class RequestHandler extends CompositeResponseHandler {
    private final ByteArrayOutputStream commandBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream dataBytes = new ByteArrayOutputStream();
    private byte contextId;
    private boolean expectData;

    @Override
    public void sendPDataIndication(PDataPDU pdu, Association association) throws DicomNetworkException, DicomException,
        IOException {
      for (Object o : pdu.getPDVList()) {
        PresentationDataValue pdv = (PresentationDataValue) o;
        contextId = pdv.getPresentationContextID();
        if (pdv.isCommand()) {
          commandBytes.write(pdv.getValue());
          if (pdv.isLastFragment()) {
            AttributeList command = getAttributeListFromCommandOrData(commandBytes.toByteArray(), IMPLICIT_LE);
            expectData = Attribute.getSingleIntegerValueOrDefault(command, new AttributeTag(0x0000, 0x0800),
                DimseCommand.NO_DATA_SET) != DimseCommand.NO_DATA_SET;
            setDone(!expectData);
          }
        } else {
          dataBytes.write(pdv.getValue());
          if (pdv.isLastFragment()) {
            setDone(true);
          }
        }
      }
    }

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
      // requests carry no status; the answer is built by the service
    }

    byte[] command() {
      return commandBytes.toByteArray();
    }

    byte[] data() {
      return dataBytes.toByteArray();
    }

    byte contextId() {
      return contextId;
    }
  }
}
