package org.procroom.drivers.ultrasound.scp;

import org.procroom.gateway.api.Severity;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.ReceivedObjectHandler;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.TimeUnit;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.ProcedureView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file store of received objects: each object is synced to disk, moved to
 * {@code dicom/<study>/<sop>.dcm} (a different object under a known SOP Instance UID is kept beside
 * it and flagged, never overwritten, an identical resend is recognised), an object for another
 * patient than the open procedure's goes to quarantine, and the event is committed before PixelMed
 * sends the C-STORE success response.
 */
final class ReceivedObjects {
  private static final Logger LOG = LoggerFactory.getLogger(ReceivedObjects.class);

  private ReceivedObjects() {}

  /**
   * Why an object is not the open procedure's patient's, or null: its patient id differs; or, when
   * it carries no id, its patient's name (read in its character set) is another person's.
   */
  static String mismatch(StoredObject object, ProcedureView p) {
    if (!object.patientId().isEmpty()) {
      return object.patientId().equals(p.patientRef()) ? null : "the object's patient is not the open procedure's patient";
    }
    if (!object.patientName().isEmpty() && p.patientName() != null && !p.patientName().isBlank()
        && !StoredObject.samePerson(object.patientName(), p.patientName())) {
      return "the object carries no patient id and its patient's name is not the open procedure's patient's";
    }
    return null;
  }

  /** Runs on the association thread before PixelMed answers the C-STORE: return only once recorded. */
  static final class Handler extends ReceivedObjectHandler {
    private final String callingAe;
    private final DriverContext context;
    private final Path root;
    private final ZoneId modalityZone;

    Handler(String callingAe, DriverContext context, Path root, ZoneId modalityZone) {
      this.callingAe = callingAe;
      this.context = context;
      this.root = root;
      this.modalityZone = modalityZone;
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
      String mismatch = procedure.map(p -> mismatch(object, p)).orElse(null);
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
      Severity severity = mismatch != null ? Severity.CRITICAL
          : "different-content".equals(duplicate) ? Severity.WARNING : Severity.OK;
      String reason = mismatch != null ? mismatch + ": kept in quarantine, not added to the images of the procedure"
          : "different-content".equals(duplicate) ? "another object was already received under this SOP Instance UID; both kept"
          : null;
      DicomStored payload = new DicomStored(object.sopClassUid(), object.sopInstanceUid(), object.studyInstanceUid(),
          object.seriesInstanceUid(), object.modality(), transferSyntax, object.frames(), object.frameTimeMs(),
          object.acquisitionTime(), object.timeSource(), callingAe, context.dataDir().relativize(target).toString(),
          thumbnailPath, Files.size(target), sha256, duplicate, severity, reason);
      Instant deviceTime = object.acquisitionTime() == null ? null : object.acquisitionTime().toInstant();
      try {
        List<String> files = thumbnailPath == null ? List.of(payload.file()) : List.of(payload.file(), thumbnailPath);
        context.emit(new EventDraft(mismatch != null ? DicomStored.QUARANTINED : DicomStored.STORED, deviceTime,
            receivedAt, payload).withFiles(files)).toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // No success response: the modality keeps the object and sends it again. The file goes too, so
        // that the resend is a new object (recorded, queued for the archives), not an identical resend.
        if (!"identical-resend".equals(duplicate)) {
          Files.deleteIfExists(target);
          if (thumbnailPath != null) {
            Files.deleteIfExists(thumbnail);
          }
        }
        throw new DicomException("object " + object.sopInstanceUid() + " not recorded: " + e.getMessage());
      }
    }
  }

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

  static void deleteQuietly(Path folder) {
    try (var files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      LOG.debug("cleaning {}: {}", folder, e.getMessage());
    }
  }

}
