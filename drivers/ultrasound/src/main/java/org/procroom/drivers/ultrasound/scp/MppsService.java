package org.procroom.drivers.ultrasound.scp;

import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.Severity;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import java.io.IOException;
import java.net.Socket;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.procroom.drivers.ultrasound.dimse.DimseCommand;
import org.procroom.drivers.ultrasound.mpps.PerformedSteps;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.EventDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modality Performed Procedure Step SCP (N-CREATE, N-SET), served by the {@link NServiceAcceptor}: the
 * modality says guidance started, completed or was discontinued. Each accepted request is recorded
 * before its response is sent; a change after a final state is refused (0110H).
 */
public final class MppsService implements NServiceAcceptor.Service {
  private static final Logger LOG = LoggerFactory.getLogger(MppsService.class);
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

  private final DriverContext context;
  private final StepJournal journal;
  private final PerformedSteps steps;

  MppsService(DriverContext context, StepJournal journal) {
    this.context = context;
    this.journal = journal;
    this.steps = new PerformedSteps(journal.known());
  }

  @Override
  public java.util.Set<Integer> commands() {
    return java.util.Set.of(DimseCommand.N_CREATE_RQ, DimseCommand.N_SET_RQ);
  }

  @Override
  public void answer(Association association, DimseRequest request, Socket socket)
      throws DicomNetworkException, DicomException, IOException {
    String callingAe = request.callingAe();
    AttributeList data = request.data();
    int field = request.commandField();
    int messageId = request.messageId();
    String status = Attribute.getSingleStringValueOrEmptyString(data, STATUS).trim();
    String uid;
    PerformedSteps.Outcome outcome;
    int responseField;
    if (field == DimseCommand.N_CREATE_RQ) {
      uid = request.text(0x1000);
      if (uid.isEmpty()) {
        uid = "2.25." + new java.math.BigInteger(1, uuidBytes(UUID.randomUUID()));
      }
      outcome = steps.create(uid, status);
      responseField = DimseCommand.N_CREATE_RSP;
    } else if (field == DimseCommand.N_SET_RQ) {
      uid = request.text(0x1001);
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
}
