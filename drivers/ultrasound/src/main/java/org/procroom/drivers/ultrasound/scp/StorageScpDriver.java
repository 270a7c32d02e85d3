package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StoredFilePathStrategy;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.ReceivedObjectHandler;
import com.pixelmed.network.StorageSOPClassSCP;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.ProcedureView;
import org.procroom.drivers.ultrasound.mwl.WorklistQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DICOM Storage SCP (C-ECHO, C-STORE) and Modality Worklist SCP (C-FIND) on PixelMed with our own accept loop: bind address, port,
 * called AE title, an allow-list of calling AE titles with their hosts, and a bounded number of
 * associations. Each object lands in a per-association folder, is synced to disk, moved to
 * {@code dicom/<study>/<sop>.dcm} (a different object under a known SOP Instance UID is kept beside
 * it and flagged, never overwritten), and recorded; only then does PixelMed send the C-STORE
 * success response. An object for another patient than the open procedure's is quarantined.
 */
final class StorageScpDriver implements Driver {
  private static final Logger LOG = LoggerFactory.getLogger(StorageScpDriver.class);
  private static final int MAX_PDU = 16384;

  /** DICOM TLS (PS3.15 B.1): a listener of its own, TLS 1.3/1.2 only, client certificates optional. */
  record Tls(javax.net.ssl.SSLContext context, int port, boolean requireClientCertificate) {}

  /** One allowed caller: AE title and the host it must come from (null: any host). */
  record Caller(String aeTitle, InetAddress host) {}

  private final String bindAddress;
  private final int port;
  private final String aeTitle;
  private final List<Caller> allowed;
  private final int maxAssociations;
  private final ZoneId modalityZone;
  private final String worklistStationAe;
  private final AtomicLong associations = new AtomicLong();
  private WorklistQueries worklist;
  private final int mppsPort;
  private final Tls tls;
  private DriverContext context;
  private ServerSocket tlsServer;
  private ServerSocket server;
  private ServerSocket mppsServer;
  private MppsService mpps;
  private ExecutorService workers;
  private Semaphore slots;
  private Path root;

  StorageScpDriver(String bindAddress, int port, String aeTitle, List<Caller> allowed, int maxAssociations,
      ZoneId modalityZone, String worklistStationAe, int mppsPort, Tls tls) {
    this.tls = tls;
    this.worklistStationAe = worklistStationAe;
    this.mppsPort = mppsPort;
    this.bindAddress = bindAddress;
    this.port = port;
    this.aeTitle = aeTitle;
    this.allowed = List.copyOf(allowed);
    this.maxAssociations = maxAssociations;
    this.modalityZone = modalityZone;
  }

  @Override
  public void start(DriverContext context) {
    this.context = context;
    root = context.dataDir().resolve("dicom");
    worklist = new WorklistQueries(context::worklist, context::procedure, worklistStationAe, modalityZone);
    slots = new Semaphore(maxAssociations);
    // Threads beyond the live associations only linger after a release (see PduWatcher).
    workers = new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, java.util.concurrent.TimeUnit.SECONDS,
        new java.util.concurrent.SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "dicom-" + context.deviceId());
          t.setDaemon(true);
          return t;
        });
    try {
      Files.createDirectories(root.resolve("incoming"));
      Files.createDirectories(root.resolve("quarantine"));
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
    } catch (IOException e) {
      context.state(DriverState.FAILED, "cannot listen for DICOM on " + bindAddress + ":" + port + ": " + e.getMessage());
      return;
    }
    String listening = "listening as " + aeTitle + " on " + bindAddress + ":" + server.getLocalPort();
    if (mppsPort > 0) {
      StepJournal journal;
      try {
        journal = StepJournal.open(root.resolve("mpps-steps.tsv"));
      } catch (IOException e) {
        close(server);
        context.state(DriverState.FAILED, "cannot read the MPPS step states in " + root + ": " + e.getMessage());
        return;
      }
      try {
        mppsServer = new ServerSocket();
        mppsServer.setReuseAddress(true);
        mppsServer.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), mppsPort));
      } catch (IOException e) {
        close(server);
        context.state(DriverState.FAILED, "cannot listen for MPPS on " + bindAddress + ":" + mppsPort + ": " + e.getMessage());
        return;
      }
      mpps = new MppsService(this, context, aeTitle, MAX_PDU, journal);
      listening += " (MPPS on " + mppsServer.getLocalPort() + ")";
      workers.execute(() -> accept(mppsServer, mpps::associate));
    }
    if (tls != null) {
      try {
        javax.net.ssl.SSLServerSocket secure = (javax.net.ssl.SSLServerSocket) tls.context().getServerSocketFactory()
            .createServerSocket();
        secure.setEnabledProtocols(org.procroom.gateway.api.TlsSettings.protocols());
        secure.setNeedClientAuth(tls.requireClientCertificate());
        secure.setReuseAddress(true);
        secure.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), tls.port()));
        tlsServer = secure;
      } catch (IOException e) {
        close(server);
        context.state(DriverState.FAILED, "cannot listen for DICOM TLS on " + bindAddress + ":" + tls.port() + ": "
            + e.getMessage());
        return;
      }
      listening += " (TLS on " + tlsServer.getLocalPort() + ")";
      workers.execute(() -> accept(tlsServer, this::associate));
    }
    context.state(DriverState.CONNECTED, listening);
    workers.execute(() -> accept(server, this::associate));
  }

  /** Accepts while open; each association holds a slot from its request until it ends or the peer goes. */
  private void accept(ServerSocket listener, java.util.function.BiConsumer<Socket, Runnable> service) {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return;
      }
      if (!slots.tryAcquire()) {
        LOG.warn("{}: refusing {}: {} associations already open", context.deviceId(), socket.getRemoteSocketAddress(),
            maxAssociations);
        close(socket);
        continue;
      }
      java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
      Runnable release = () -> {
        if (released.compareAndSet(false, true)) {
          slots.release();
        }
      };
      workers.execute(() -> {
        try {
          service.accept(socket, release);
        } finally {
          close(socket);
          release.run();
        }
      });
    }
  }

  /**
   * Reads the association request and checks the caller against the allow-list; a stranger gets
   * an A-ASSOCIATE-RJ and a {@code dicom.rejected} event. Null when the association must not go on.
   */
  AssociateRequest admit(Socket socket) {
    AssociateRequest request;
    try {
      socket.setSoTimeout(30_000);
      request = AssociateRequest.read(socket.getInputStream());
    } catch (IOException e) {
      // A failed TLS handshake shows here too (wrong or missing certificate, plain TCP on the TLS port).
      LOG.warn("{}: {} sent no valid association request: {}", context.deviceId(), socket.getRemoteSocketAddress(),
          e.getMessage());
      return null;
    }
    InetAddress peer = socket.getInetAddress();
    boolean known = allowed.stream().anyMatch(c -> c.aeTitle().equals(request.callingAe())
        && (c.host() == null || c.host().equals(peer)));
    if (known) {
      return request;
    }
    LOG.warn("{}: association from {} as '{}' rejected: calling AE title not allowed", context.deviceId(),
        peer.getHostAddress(), request.callingAe());
    context.emit(new EventDraft("dicom.rejected", null, context.clock().now(), new Rejected(request.callingAe(),
        peer.getHostAddress(), "calling AE title '" + request.callingAe() + "' from " + peer.getHostAddress()
            + " is not on the allow-list", "warning")));
    try {
      socket.getOutputStream().write(AssociateRequest.REJECT_CALLING_AE);
      socket.getOutputStream().flush();
    } catch (IOException ignored) {
      // the peer may already be gone; the refusal is recorded either way
    }
    return null;
  }

  private void associate(Socket socket, Runnable ended) {
    AssociateRequest request = admit(socket);
    if (request == null) {
      return;
    }
    Path incoming = root.resolve("incoming").resolve("a" + associations.incrementAndGet());
    try {
      Files.createDirectories(incoming);
      new StorageSOPClassSCP(new ReplaySocket(socket, request.bytes(), ended), aeTitle, MAX_PDU, 0, 0, incoming.toFile(),
          StoredFilePathStrategy.BYSOPINSTANCEUIDINSINGLEFOLDER, new Handler(request.callingAe()), null, worklist,
          null, null, new ServicePolicy(java.util.Set.of(WorklistQueries.MWL_FIND))).run();
    } catch (IOException | DicomException | DicomNetworkException e) {
      LOG.info("{}: association with '{}' ended: {}", context.deviceId(), request.callingAe(), e.getMessage());
    } finally {
      deleteQuietly(incoming);
    }
  }

  /** Runs on the association thread before PixelMed answers the C-STORE: return only once recorded. */
  private final class Handler extends ReceivedObjectHandler {
    private final String callingAe;

    Handler(String callingAe) {
      this.callingAe = callingAe;
    }

    @Override
    public void sendReceivedObjectIndication(String fileName, String transferSyntax, String calling)
        throws DicomNetworkException, DicomException, IOException {
      Instant receivedAt = context.clock().now();
      Path file = Path.of(fileName);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      context.received(Files.size(file));
      StoredObject object = StoredObject.read(file, modalityZone);
      String sha256 = sha256(file);
      Optional<ProcedureView> procedure = context.procedure();
      String mismatch = procedure.filter(p -> !object.patientId().isEmpty() && !object.patientId().equals(p.patientRef()))
          .map(p -> "the object's patient is not the open procedure's patient").orElse(null);
      Path folder = mismatch != null ? root.resolve("quarantine") : root.resolve(safe(object.studyInstanceUid()));
      Files.createDirectories(folder);
      Path target = folder.resolve(safe(object.sopInstanceUid()) + ".dcm");
      String duplicate = null;
      if (Files.exists(target)) {
        if (sha256.equals(sha256(target))) {
          duplicate = "identical-resend";
          Files.delete(file);
        } else {
          duplicate = "different-content";
          int n = 1;
          while (Files.exists(target)) {
            target = folder.resolve(safe(object.sopInstanceUid()) + "." + n++ + ".dcm");
          }
        }
      }
      if (!"identical-resend".equals(duplicate)) {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(folder);
      }
      Path thumbnail = root.resolve("thumbnails").resolve(target.getFileName().toString().replace(".dcm", ".jpg"));
      String thumbnailPath = mismatch == null && Thumbnails.write(target, thumbnail)
          ? context.dataDir().relativize(thumbnail).toString() : null;
      String severity = mismatch != null ? "critical" : "different-content".equals(duplicate) ? "warning" : "ok";
      String reason = mismatch != null ? mismatch + ": kept in quarantine, not added to the images of the procedure"
          : "different-content".equals(duplicate) ? "another object was already received under this SOP Instance UID; both kept"
          : null;
      DicomStored payload = new DicomStored(object.sopClassUid(), object.sopInstanceUid(), object.studyInstanceUid(),
          object.seriesInstanceUid(), object.modality(), transferSyntax, object.frames(), object.frameTimeMs(),
          object.acquisitionTime(), object.timeSource(), callingAe, context.dataDir().relativize(target).toString(),
          thumbnailPath, Files.size(target), sha256, duplicate, severity, reason);
      Instant deviceTime = object.acquisitionTime() == null ? null : object.acquisitionTime().toInstant();
      try {
        context.emit(new EventDraft(mismatch != null ? DicomStored.QUARANTINED : DicomStored.STORED, deviceTime,
            receivedAt, payload)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // No success response: the modality keeps the object and sends it again.
        throw new DicomException("object " + object.sopInstanceUid() + " not recorded: " + e.getMessage());
      }
    }
  }

  /** Payload of {@code dicom.rejected}. */
  record Rejected(String callingAe, String host, String reason, String severity) {}

  private static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** UIDs hold digits and dots only; anything else never reaches a path. */
  private static String safe(String uid) {
    return uid.isEmpty() ? "unknown" : uid.replaceAll("[^0-9.]", "_");
  }

  private static void syncDirectory(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("directory sync of {}: {}", folder, e.getMessage());
    }
  }

  private static void deleteQuietly(Path folder) {
    try (var files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      LOG.debug("cleaning {}: {}", folder, e.getMessage());
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      close(server);
    }
    if (mppsServer != null) {
      close(mppsServer);
    }
    if (tlsServer != null) {
      close(tlsServer);
    }
    if (workers != null) {
      workers.shutdownNow();
    }
    if (context != null) {
      context.state(DriverState.STOPPED, "stopped");
    }
  }

  static void close(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing is best effort on the way out
    }
  }
}
