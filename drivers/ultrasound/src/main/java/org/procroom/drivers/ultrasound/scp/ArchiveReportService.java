package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import java.net.Socket;
import java.util.Set;
import org.procroom.drivers.ultrasound.commit.CommitmentRequest;
import org.procroom.drivers.ultrasound.commit.EventReport;
import org.procroom.drivers.ultrasound.dimse.DimseCommand;
import org.procroom.gateway.api.DriverContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's side of storage commitment coming back: the N-EVENT-REPORT an archive sends the
 * gateway (as Orthanc does, on an association of its own) for a transaction the forwarder asked,
 * handed to the forwarder waiting for it and answered with success.
 */
final class ArchiveReportService implements NServiceAcceptor.Service {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveReportService.class);

  private final DriverContext context;

  ArchiveReportService(DriverContext context) {
    this.context = context;
  }

  @Override
  public Set<Integer> commands() {
    return Set.of(DimseCommand.N_EVENT_REPORT_RQ);
  }

  @Override
  public void answer(Association association, DimseRequest request, Socket socket) throws DicomNetworkException {
    EventReport.Received report = EventReport.read(request.data());
    boolean awaited = context.archiveReport(report.transactionUid(), report.outcomes());
    if (!awaited) {
      LOG.warn("{}: a storage commitment report from '{}' for transaction {} nobody waits for (asked too long ago, or"
          + " not by this gateway); answered, not used", context.deviceId(), AssociationGate.printable(request.callingAe()),
          report.transactionUid());
    }
    association.send(request.contextId(), DimseCommand.response(DimseCommand.N_EVENT_REPORT_RSP,
        CommitmentRequest.SOP_CLASS, request.messageId(), 0x0000, CommitmentRequest.SOP_INSTANCE, null), null);
  }
}
