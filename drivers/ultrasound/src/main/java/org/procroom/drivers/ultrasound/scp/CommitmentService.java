package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.procroom.drivers.ultrasound.commit.CommitmentRequest;
import org.procroom.drivers.ultrasound.commit.EventReport;
import org.procroom.drivers.ultrasound.commit.Outcome;
import org.procroom.drivers.ultrasound.dimse.DimseCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage Commitment Push Model SCP (PS3.4 J): an N-ACTION is kept on disk before it is answered;
 * the result goes back on the same association when the modality waits on it (it has sent nothing
 * within the grace period after the N-ACTION response), else the {@link ReportSender} opens a new
 * association to the modality, as a modality that releases at once expects.
 */
final class CommitmentService implements NServiceAcceptor.Service {
  private static final Logger LOG = LoggerFactory.getLogger(CommitmentService.class);

  private final String deviceId;
  private final String aeTitle;
  private final CommitmentJournal journal;
  private final ReportSender sender;
  private final Duration grace;
  private final java.time.InstantSource clock;

  CommitmentService(String deviceId, String aeTitle, CommitmentJournal journal, ReportSender sender, Duration grace,
      java.time.InstantSource clock) {
    this.deviceId = deviceId;
    this.aeTitle = aeTitle;
    this.journal = journal;
    this.sender = sender;
    this.grace = grace;
    this.clock = clock;
  }

  @Override
  public Set<Integer> commands() {
    return Set.of(DimseCommand.N_ACTION_RQ);
  }

  @Override
  public void answer(Association association, DimseRequest request, Socket socket)
      throws DicomNetworkException, DicomException, IOException, AReleaseException {
    CommitmentRequest.Reading reading = CommitmentRequest.SOP_CLASS.equals(request.text(0x0003))
        ? CommitmentRequest.read(request.text(0x1001), request.integer(0x1008), request.data())
        : new CommitmentRequest.Reading(null, CommitmentRequest.NO_SUCH_SOP_CLASS,
            "the N-ACTION names another SOP class than storage commitment");
    if (!reading.accepted()) {
      LOG.warn("{}: storage commitment request from '{}' refused: {}", deviceId,
          AssociationGate.printable(request.callingAe()), reading.refusal());
      sender.refused(request.callingAe(), reading.refusal());
      respond(association, request, reading.status(), reading.refusal());
      return;
    }
    CommitmentJournal.Transaction transaction = new CommitmentJournal.Transaction(reading.request().transactionUid(),
        request.callingAe(), clock.instant(), reading.request().references());
    if (journal.holds(transaction.transactionUid())) {
      LOG.warn("{}: storage commitment request from '{}' refused: its transaction UID is in use", deviceId,
          AssociationGate.printable(request.callingAe()));
      sender.refused(request.callingAe(), "transaction UID already in use by a request not yet reported");
      respond(association, request, Outcome.PROCESSING_FAILURE, "transaction UID already in use");
      return;
    }
    try {
      journal.keep(transaction);
    } catch (IOException e) {
      LOG.error("{}: storage commitment request not kept on disk: {}", deviceId, e.getMessage());
      respond(association, request, Outcome.PROCESSING_FAILURE, "the gateway cannot keep the request");
      return;
    }
    respond(association, request, 0x0000, null);
    if (peerSpeaksWithin(socket, grace)) {
      sender.submit(transaction); // most often its A-RELEASE-RQ: the report goes on a new association
      return;
    }
    List<Outcome> outcomes = sender.outcomes(transaction);
    if (!outcomes.stream().allMatch(Outcome::isFinal)) {
      sender.submit(transaction); // the archives have still to confirm: the report goes later, on a new association
      return;
    }
    try {
      int status = report(association, request.contextId(), aeTitle, transaction.transactionUid(), outcomes);
      if (status == 0x0000) {
        sender.reported(transaction, outcomes, "same association");
        return;
      }
      LOG.warn("{}: '{}' answered the storage commitment report with status {}: sending it again on a new association",
          deviceId, request.callingAe(), String.format("%04XH", status));
      sender.submit(transaction);
    } catch (AReleaseException e) {
      sender.submit(transaction);
      throw e;
    } catch (IOException | DicomException | DicomNetworkException e) {
      sender.submit(transaction);
      throw e;
    }
  }

  private static void respond(Association association, DimseRequest request, int status, String comment)
      throws DicomNetworkException {
    association.send(request.contextId(), DimseCommand.response(DimseCommand.N_ACTION_RSP, CommitmentRequest.SOP_CLASS,
        request.messageId(), status, CommitmentRequest.SOP_INSTANCE, comment), null);
  }

  /** Sends the N-EVENT-REPORT on {@code association} and returns the status of its response. */
  static int report(Association association, byte contextId, String retrieveAe, String transactionUid,
      List<Outcome> outcomes)
      throws DicomNetworkException, DicomException, IOException, AReleaseException {
    AttributeList data = EventReport.dataSet(transactionUid, retrieveAe, outcomes);
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    try (DicomOutputStream out = new DicomOutputStream(encoded, null,
        association.getTransferSyntaxForPresentationContextID(contextId))) {
      data.write(out);
    }
    association.send(contextId, DimseCommand.eventReport(CommitmentRequest.SOP_CLASS, CommitmentRequest.SOP_INSTANCE,
        1, EventReport.eventTypeId(outcomes)), encoded.toByteArray());
    DimseRequest response = NServiceAcceptor.read(association, association.getCallingAETitle());
    if (response.commandField() != DimseCommand.N_EVENT_REPORT_RSP) {
      throw new DicomException(String.format("expected an N-EVENT-REPORT-RSP, got command 0x%04X",
          response.commandField()));
    }
    return response.integer(0x0900);
  }

  /** Whether the modality sends anything (a release, another request) before the grace period is over. */
  private static boolean peerSpeaksWithin(Socket socket, Duration grace) throws IOException {
    long end = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < end) {
      if (socket.isClosed() || socket.getInputStream().available() > 0) {
        return true;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
    return false;
  }
}
