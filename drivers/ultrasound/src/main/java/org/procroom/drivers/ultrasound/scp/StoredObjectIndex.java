package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.procroom.drivers.ultrasound.commit.Outcome;
import org.procroom.drivers.ultrasound.commit.Reference;

/**
 * Whether the gateway holds an object durably, for storage commitment: it does when the object's
 * file is in its study folder (written, synced and recorded before the C-STORE was answered) and
 * is the SOP class the modality names. An object kept in quarantine is not committed: it is not
 * part of any procedure until someone looks at it, and the modality must keep its copy. With
 * archives configured, an object is committed only once each archive has confirmed it.
 */
final class StoredObjectIndex {
  private static final Set<String> NOT_STUDIES = Set.of("incoming", "quarantine", "thumbnails", "commitments");

  private final Path root;
  private final Path dataDir;
  private final Function<String, Map<String, String>> archived;

  /** {@code archived}: where the object at a data-folder path stands with each archive (empty: none configured). */
  StoredObjectIndex(Path root, Path dataDir, Function<String, Map<String, String>> archived) {
    this.root = root;
    this.dataDir = dataDir;
    this.archived = archived;
  }

  Outcome check(Reference reference) {
    String sop = reference.sopInstanceUid();
    if (sop.isEmpty() || reference.sopClassUid().isEmpty()) {
      return new Outcome(reference, Outcome.NO_SUCH_OBJECT_INSTANCE, "the reference lacks its SOP class or instance UID");
    }
    String name = sop.replaceAll("[^0-9.]", "_") + ".dcm";
    try {
      Path file = find(name);
      if (file == null) {
        return Files.exists(root.resolve("quarantine").resolve(name))
            ? new Outcome(reference, Outcome.PROCESSING_FAILURE,
                "held in quarantine: the object's patient is not the open procedure's patient")
            : new Outcome(reference, Outcome.NO_SUCH_OBJECT_INSTANCE, "no object with this SOP instance UID was received");
      }
      if (Files.exists(file.resolveSibling(name.replace(".dcm", ".1.dcm")))) {
        return new Outcome(reference, Outcome.PROCESSING_FAILURE, "another object arrived under this SOP instance UID;"
            + " both are kept for staff to sort out, neither is committed");
      }
      String storedClass = StoredObject.read(file, ZoneOffset.UTC).sopClassUid();
      if (!storedClass.equals(reference.sopClassUid())) {
        return new Outcome(reference, Outcome.CLASS_INSTANCE_CONFLICT,
            "the object was received as SOP class " + storedClass);
      }
      return withTheArchives(reference, dataDir.relativize(file).toString());
    } catch (IOException | DicomException e) {
      return new Outcome(reference, Outcome.PROCESSING_FAILURE, "the stored object cannot be read: " + e.getMessage());
    } catch (IllegalStateException e) {
      return Outcome.notYet(reference, "the gateway's store did not say whether the archives have it: " + e.getMessage());
    }
  }

  /**
   * With archives configured the gateway commits an object only once every archive confirmed it:
   * refused or given up by one, or never queued (received outside a procedure), it fails.
   */
  private Outcome withTheArchives(Reference reference, String file) {
    Map<String, String> states = archived.apply(file);
    for (Map.Entry<String, String> e : states.entrySet()) {
      switch (e.getValue()) {
        case "delivered" -> { }
        case "none" -> {
          return new Outcome(reference, Outcome.PROCESSING_FAILURE, "not forwarded to archive " + e.getKey()
              + ": received outside a procedure");
        }
        case "parked", "dropped" -> {
          return new Outcome(reference, Outcome.PROCESSING_FAILURE, "archive " + e.getKey() + " did not take it ("
              + e.getValue() + ")");
        }
        default -> {
          return Outcome.notYet(reference, "archive " + e.getKey() + " has not confirmed it yet");
        }
      }
    }
    return Outcome.committed(reference);
  }

  private Path find(String name) throws IOException {
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (var folders = Files.list(root)) {
      for (Path folder : (Iterable<Path>) folders::iterator) {
        if (Files.isDirectory(folder) && !NOT_STUDIES.contains(folder.getFileName().toString())) {
          Path file = folder.resolve(name);
          if (Files.isRegularFile(file)) {
            return file;
          }
        }
      }
    }
    return null;
  }
}
