package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.SCUSCPRoleSelection;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.procroom.drivers.ultrasound.commit.CommitmentRequest;
import org.procroom.drivers.ultrasound.commit.Outcome;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers storage commitment results the modality did not wait for: a new association to the
 * modality's own SCP (its address from {@code modalities.<calling AE>}), proposing the Storage
 * Commitment Push Model with the SCP role (PS3.4 J.3.3, PS3.7 D.3.3.4), sent again with backoff
 * until the modality answers it with success. A transaction leaves the journal only then. With
 * archives configured the result waits until each archive confirmed the objects (or the archive
 * timeout passed, and those not confirmed fail).
 */
final class ReportSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportSender.class);
  private static final byte CONTEXT = 1;
  /** How often a result waiting for the archives looks again. */
  private static final Duration ARCHIVE_POLL = Duration.ofSeconds(2);
  /** How long a modality may take to connect, and stay silent on the association. */
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

  /** Where a modality takes its reports. */
  record Modality(String host, int port) {}

  /** Payload of {@code dicom.commitment}. */
  record Commitment(String transactionUid, String callingAe, String state, int requested, int committed,
      List<Failed> failed, String reportedOn, Severity severity, String reason) {}

  /** One object not committed, with its Failure Reason (PS3.3 C.14.1.1). */
  record Failed(String sopClassUid, String sopInstanceUid, String failureReason, String why) {}

  private final DriverContext context;
  private final String aeTitle;
  private final Map<String, Modality> modalities;
  private final CommitmentJournal journal;
  private final StoredObjectIndex index;
  private final Duration firstRetry;
  private final Duration maxRetry;
  private final Duration archiveTimeout;
  private final ScheduledExecutorService worker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "commitment-reports");
    t.setDaemon(true);
    return t;
  });

  ReportSender(DriverContext context, String aeTitle, Map<String, Modality> modalities, CommitmentJournal journal,
      StoredObjectIndex index, Duration firstRetry, Duration maxRetry, Duration archiveTimeout) {
    this.context = context;
    this.aeTitle = aeTitle;
    this.modalities = Map.copyOf(modalities);
    this.journal = journal;
    this.index = index;
    this.firstRetry = firstRetry;
    this.maxRetry = maxRetry;
    this.archiveTimeout = archiveTimeout;
  }

  /** Reports every transaction the journal still holds (those accepted before a restart). */
  void resume() throws IOException {
    journal.pending().forEach(this::submit);
  }

  List<Outcome> outcomes(CommitmentJournal.Transaction t) {
    return t.references().stream().map(index::check).toList();
  }

  void submit(CommitmentJournal.Transaction t) {
    worker.execute(() -> attempt(t, firstRetry, 1));
  }

  private void attempt(CommitmentJournal.Transaction t, Duration wait, int attempt) {
    Modality modality = modalities.get(t.callingAe());
    String trouble;
    List<Outcome> outcomes = outcomes(t);
    if (!outcomes.stream().allMatch(Outcome::isFinal)) {
      if (java.time.Duration.between(t.receivedAt(), context.clock().now()).compareTo(archiveTimeout) < 0) {
        worker.schedule(() -> attempt(t, wait, attempt), ARCHIVE_POLL.toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      outcomes = outcomes.stream().map(o -> o.isFinal() ? o : new Outcome(o.reference(), Outcome.PROCESSING_FAILURE,
          o.why() + " after " + archiveTimeout.toMinutes() + " min")).toList();
    }
    if (modality == null) {
      trouble = "no address for '" + AssociationGate.printable(t.callingAe()) + "': set modalities." + t.callingAe()
          + ".host and .port; the result waits in the journal";
    } else {
      try {
        int status = send(t, modality, outcomes);
        if (status == 0x0000) {
          reported(t, outcomes, "new association");
          return;
        }
        trouble = String.format("the modality answered the report with status %04XH", status);
      } catch (Exception e) {
        trouble = "cannot report to " + modality.host() + ":" + modality.port() + ": " + e.getMessage();
      }
    }
    if (attempt == 1) {
      LOG.warn("{}: storage commitment {}: {}", context.deviceId(), t.transactionUid(), trouble);
      emit(t, "report-pending", outcomes, null, Severity.WARNING, trouble);
    } else {
      LOG.debug("{}: storage commitment {} attempt {}: {}", context.deviceId(), t.transactionUid(), attempt, trouble);
    }
    if (modality == null) {
      return; // a configuration change means a restart, which reads the journal again
    }
    Duration next = wait.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : wait.multipliedBy(2);
    worker.schedule(() -> attempt(t, next, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private int send(CommitmentJournal.Transaction t, Modality modality, List<Outcome> outcomes) throws Exception {
    LinkedList<PresentationContext> contexts = new LinkedList<>();
    LinkedList<String> syntaxes = new LinkedList<>(List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"));
    contexts.add(new PresentationContext(CONTEXT, CommitmentRequest.SOP_CLASS, syntaxes));
    LinkedList<SCUSCPRoleSelection> roles = new LinkedList<>();
    roles.add(new SCUSCPRoleSelection(CommitmentRequest.SOP_CLASS, false, true));
    // Our own connection, with timeouts: a modality switched off must not hold the other reports.
    org.procroom.drivers.transport.PeerTunnel tunnel = org.procroom.drivers.transport.PeerTunnel.open(null,
        modality.host(), modality.port(), PEER_TIMEOUT, PEER_TIMEOUT);
    Association association;
    try {
      association = AssociationFactory.createNewAssociation("127.0.0.1", tunnel.port(), t.callingAe(), aeTitle,
          contexts, roles, false, 0);
    } catch (Exception e) {
      tunnel.close();
      throw e;
    }
    try {
      byte context = association.getSuitablePresentationContextID(CommitmentRequest.SOP_CLASS);
      return CommitmentService.report(association, context, aeTitle, t.transactionUid(), outcomes);
    } finally {
      try {
        association.release();
      } catch (Exception e) {
        association.abort();
      }
    }
  }

  /** The modality has the result: recorded, then out of the journal. */
  void reported(CommitmentJournal.Transaction t, List<Outcome> outcomes, String how) {
    boolean all = outcomes.stream().allMatch(Outcome::isCommitted);
    String reason = all ? null : (outcomes.size() - outcomes.stream().filter(Outcome::isCommitted).count())
        + " of " + outcomes.size() + " objects not committed: the modality keeps its copies of those";
    emit(t, "reported", outcomes, how, all ? Severity.OK : Severity.WARNING, reason);
    try {
      journal.reported(t.transactionUid());
    } catch (IOException e) {
      LOG.error("{}: storage commitment {} reported but still in the journal: {}", context.deviceId(),
          t.transactionUid(), e.getMessage());
    }
  }

  void refused(String callingAe, String why) {
    emit(new CommitmentJournal.Transaction(null, callingAe, context.clock().now(), List.of()), "refused", List.of(), null,
        Severity.WARNING, why);
  }

  private void emit(CommitmentJournal.Transaction t, String state, List<Outcome> outcomes, String how, Severity severity,
      String reason) {
    List<Failed> failed = outcomes.stream().filter(o -> !o.isCommitted()).map(o -> new Failed(
        o.reference().sopClassUid(), o.reference().sopInstanceUid(), String.format("%04XH", o.failureReason()), o.why()))
        .toList();
    Commitment payload = new Commitment(t.transactionUid(), AssociationGate.printable(t.callingAe()), state,
        t.references().size(), (int) outcomes.stream().filter(Outcome::isCommitted).count(), failed, how, severity,
        reason);
    try {
      context.emit(new EventDraft(EventTypes.DICOM_COMMITMENT, null, context.clock().now(), payload))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("{}: storage commitment {} not recorded: {}", context.deviceId(), t.transactionUid(), e.getMessage());
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
