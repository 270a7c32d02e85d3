package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StoredFilePathStrategy;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.StorageSOPClassSCP;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.procroom.drivers.transport.BoundedListener;
import org.procroom.drivers.transport.ListenerEvents;
import org.procroom.drivers.transport.ListenerOptions;
import org.procroom.drivers.transport.Throttle;
import org.procroom.drivers.transport.TlsListeners;
import org.procroom.drivers.ultrasound.mwl.WorklistQueries;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.DriverState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DICOM Storage SCP (C-ECHO, C-STORE), Modality Worklist SCP (C-FIND), MPPS SCP and Storage
 * Commitment Push Model SCP on PixelMed:
 * up to three {@link BoundedListener}s (storage and worklist, MPPS, DICOM TLS), each association
 * admitted by the {@link AssociationGate}, objects kept by {@link ReceivedObjects}. The driver is
 * CONNECTED only while every listener accepts.
 */
final class StorageScpDriver implements Driver {
  private static final Logger LOG = LoggerFactory.getLogger(StorageScpDriver.class);
  private static final int MAX_PDU = 16384;
  private static final java.util.Set<String> N_SERVICES = java.util.Set.of(ServicePolicy.MPPS,
      org.procroom.drivers.ultrasound.commit.CommitmentRequest.SOP_CLASS, NServiceAcceptor.VERIFICATION);

  /** DICOM TLS (PS3.15 B.1): a listener of its own, TLS 1.3/1.2 only, client certificates optional. */
  record Tls(javax.net.ssl.SSLContext context, int port, boolean requireClientCertificate) {}

  private final ListenerOptions storage;
  private final String aeTitle;
  private final List<AssociationGate.Caller> allowed;
  private final Duration admissionTimeout;
  private final ZoneId modalityZone;
  private final String worklistStationAe;
  private final AtomicLong associations = new AtomicLong();
  private final int mppsPort;
  private final Tls tls;
  private final java.util.Map<String, ReportSender.Modality> modalities;
  private final Duration commitmentGrace;
  private final Duration commitmentTimeout;
  private final RisWorklist.Settings ris;
  private RisWorklist risWorklist;
  private final Throttle refusals = new Throttle(Duration.ofSeconds(60));
  private record Named(String what, BoundedListener listener) {}

  private final List<Named> listeners = new ArrayList<>();
  private volatile boolean started;
  private final List<String> trouble = new ArrayList<>();
  private DriverContext context;
  private AssociationGate gate;
  private WorklistQueries worklist;
  private Path root;
  private NServiceAcceptor nServices;
  private ReportSender reports;

  StorageScpDriver(ListenerOptions storage, String aeTitle, List<AssociationGate.Caller> allowed,
      Duration admissionTimeout, ZoneId modalityZone, String worklistStationAe, int mppsPort, Tls tls,
      java.util.Map<String, ReportSender.Modality> modalities, Duration commitmentGrace, Duration commitmentTimeout,
      RisWorklist.Settings ris) {
    this.storage = storage;
    this.aeTitle = aeTitle;
    this.allowed = List.copyOf(allowed);
    this.admissionTimeout = admissionTimeout;
    this.modalityZone = modalityZone;
    this.worklistStationAe = worklistStationAe;
    this.mppsPort = mppsPort;
    this.tls = tls;
    this.modalities = java.util.Map.copyOf(modalities);
    this.commitmentGrace = commitmentGrace;
    this.commitmentTimeout = commitmentTimeout;
    this.ris = ris;
  }

  @Override
  public void start(DriverContext context) {
    this.context = context;
    root = context.dataDir().resolve("dicom");
    gate = new AssociationGate(context, allowed, admissionTimeout);
    worklist = new WorklistQueries(context::worklist, context::procedure, worklistStationAe, modalityZone);
    started = false;
    synchronized (trouble) {
      listeners.clear();
      trouble.clear();
    }
    try {
      Files.createDirectories(root.resolve("incoming"));
      Files.createDirectories(root.resolve("quarantine"));
    } catch (IOException e) {
      context.state(DriverState.FAILED, "cannot create the DICOM folders in " + root + ": " + e.getMessage());
      return;
    }
    try {
      StepJournal steps = StepJournal.open(root.resolve("mpps-steps.tsv"));
      CommitmentJournal commitments = new CommitmentJournal(root.resolve("commitments"));
      StoredObjectIndex index = new StoredObjectIndex(root, context.dataDir(), file -> {
        try {
          return context.archived(file).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e.toString());
        }
      });
      reports = new ReportSender(context, aeTitle, modalities, commitments, index, Duration.ofSeconds(5),
          Duration.ofMinutes(5), commitmentTimeout);
      nServices = new NServiceAcceptor(gate, context, aeTitle, MAX_PDU, List.of(new MppsService(context, steps),
          new CommitmentService(context.deviceId(), aeTitle, commitments, reports, commitmentGrace, () -> context.clock().now()),
          new ArchiveReportService(context)),
          N_SERVICES);
      reports.resume();
    } catch (IOException e) {
      context.state(DriverState.FAILED, "cannot read the MPPS steps or storage commitments in " + root + ": "
          + e.getMessage());
      return;
    }
    if (!listen(storage, this::associate, "DICOM")) {
      return;
    }
    if (mppsPort > 0 && !listen(storage.withPort(mppsPort), nServices::associate, "MPPS")) {
      return;
    }
    if (tls != null && !listen(storage.withPort(tls.port())
        .withSockets(TlsListeners.serverSockets(tls.context(), tls.requireClientCertificate())), this::associate,
        "DICOM TLS")) {
      return;
    }
    if (ris != null) {
      risWorklist = new RisWorklist(ris, context);
      risWorklist.start();
    }
    started = true;
    report();
  }

  private boolean listen(ListenerOptions options, BoundedListener.Handler service, String what) {
    BoundedListener listener = new BoundedListener(options, service, new StateReport(what));
    try {
      listener.start();
    } catch (IOException e) {
      stopListeners();
      context.state(DriverState.FAILED, "cannot listen for " + what + " on " + options.bindAddress() + ":"
          + options.port() + ": " + e.getMessage());
      return false;
    }
    synchronized (trouble) {
      listeners.add(new Named(what, listener));
    }
    return true;
  }

  /** CONNECTED with every port while all accept; else the first listener's trouble. */
  private void report() {
    String state;
    synchronized (trouble) {
      if (!trouble.isEmpty()) {
        context.state(DriverState.RECONNECTING, trouble.get(0));
        return;
      }
      StringBuilder ports = new StringBuilder();
      for (Named n : listeners.subList(1, listeners.size())) {
        ports.append(ports.length() == 0 ? " (" : ") (").append(n.what().replace("DICOM ", "")).append(" on ")
            .append(n.listener().localPort());
      }
      if (ports.length() > 0) {
        ports.append(')');
      }
      state = "listening as " + aeTitle + " on " + storage.bindAddress() + ":" + listeners.get(0).listener().localPort()
          + ports;
    }
    context.state(DriverState.CONNECTED, state);
  }

  private void associate(Socket socket, Runnable ended) {
    AssociateRequest request = gate.admit(socket);
    if (request == null) {
      return;
    }
    if (asksOnlyForNServices(request)) {
      nServices.serve(socket, request, ended);
      return;
    }
    Path incoming = root.resolve("incoming").resolve("a" + associations.incrementAndGet());
    try {
      Files.createDirectories(incoming);
      new StorageSOPClassSCP(new ReplaySocket(socket, request.bytes(), ended), aeTitle, MAX_PDU, 0, 0, incoming.toFile(),
          StoredFilePathStrategy.BYSOPINSTANCEUIDINSINGLEFOLDER,
          new ReceivedObjects.Handler(request.callingAe(), context, root, modalityZone), null, worklist,
          null, null, new ServicePolicy(java.util.Set.of(WorklistQueries.MWL_FIND))).run();
    } catch (IOException | DicomException | DicomNetworkException e) {
      LOG.info("{}: association with '{}' ended: {}", context.deviceId(), request.callingAe(), e.getMessage());
    } finally {
      ReceivedObjects.deleteQuietly(incoming);
    }
  }

  /**
   * MPPS or storage commitment (with C-ECHO at most) go to the N-service acceptor; any storage
   * or worklist context keeps the association with PixelMed's storage SCP, which does not serve them.
   */
  static boolean asksOnlyForNServices(AssociateRequest request) {
    List<String> proposed = request.abstractSyntaxes();
    return proposed.stream().anyMatch(s -> !s.equals(NServiceAcceptor.VERIFICATION))
        && N_SERVICES.containsAll(proposed);
  }

  private final class StateReport implements ListenerEvents {
    private final String what;

    StateReport(String what) {
      this.what = what;
    }

    @Override
    public void listening(String description) {
      synchronized (trouble) {
        trouble.removeIf(t -> t.startsWith(what + ": "));
      }
      if (started) {
        report(); // the first report comes from start() once every listener is bound
      }
    }

    @Override
    public void accepting(String reason) {
      synchronized (trouble) {
        trouble.removeIf(t -> t.startsWith(what + ": "));
        trouble.add(what + ": " + reason);
      }
      if (started) {
        report();
      }
    }

    @Override
    public void failed(String reason) {
      stopListeners();
      context.state(DriverState.FAILED, what + ": " + reason);
    }

    @Override
    public void refused(InetAddress peer, Refusal why, String reason) {
      long held = refusals.pass(peer.getHostAddress());
      if (held >= 0) {
        LOG.warn("{}: {}", context.deviceId(), refusals.withCount(what + " connection from " + peer.getHostAddress()
            + " refused: " + reason, held));
      }
    }
  }

  @Override
  public List<org.procroom.gateway.api.ListenerCounts> listeners() {
    synchronized (trouble) {
      return listeners.stream().map(n -> {
        org.procroom.gateway.api.ListenerCounts c = n.listener().counts();
        return new org.procroom.gateway.api.ListenerCounts(n.what(), c.port(), c.open(), c.accepted(), c.refused(),
            c.acceptFailures());
      }).toList();
    }
  }

  private void stopListeners() {
    synchronized (trouble) {
      listeners.forEach(n -> n.listener().close());
    }
  }

  @Override
  public void stop() {
    stopListeners();
    if (reports != null) {
      reports.close();
    }
    if (risWorklist != null) {
      risWorklist.close();
    }
    if (context != null) {
      context.state(DriverState.STOPPED, "stopped");
    }
  }
}
