package org.procroom.gateway.charting.archive;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CStoreRequestCommandMessage;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.charting.QueueSender;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.QueuedDelivery;

/**
 * An archive's queue over DICOM: each object C-STOREd on an association of its own, in the
 * transfer syntax it was received in when the archive accepts it, else converted to explicit or
 * implicit VR little endian when it is uncompressed; a compressed object the archive takes only
 * uncompressed is parked (decompressing it is not built). The file's data set goes as it lies on
 * disk, streamed.
 */
public final class DicomStoreDelivery extends QueueSender {
  private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  private static final Set<String> UNCOMPRESSED = Set.of(IMPLICIT_LE, EXPLICIT_LE, "1.2.840.10008.1.2.2");
  private static final byte AS_RECEIVED = 1;
  private static final byte LITTLE_ENDIAN = 3;

  private final ArchiveSettings archive;
  private final Path dataDir;

  public DicomStoreDelivery(ArchiveSettings archive, EventStore store, GatewayClock clock, Path dataDir) {
    super(archive.queue(), store, clock, archive.retryInitial(), archive.retryMax());
    this.archive = archive;
    this.dataDir = dataDir;
  }

  @Override
  protected String receiver() {
    return archive.describe();
  }

  @Override
  protected Outcome send(QueuedDelivery message) {
    ForwardedObject object;
    Part10 file;
    Path path;
    try {
      object = ForwardedObject.read(message.payload());
      path = dataDir.resolve(object.file());
      file = Part10.read(path);
    } catch (NoSuchFileException e) {
      return new Outcome.Refused("the object's file is no longer on the box: " + e.getMessage());
    } catch (IOException e) {
      return new Outcome.Refused("the object's file cannot be read: " + e.getMessage());
    }
    Association association;
    try {
      association = AssociationFactory.createNewAssociation(archive.host(), archive.port(), archive.calledAe(),
          archive.aeTitle(), contexts(object.sopClassUid(), file.transferSyntaxUid()), null, false, 0);
    } catch (DicomNetworkException | IOException e) {
      return new Outcome.NotDelivered("no association with " + receiver() + ": " + e.getMessage());
    }
    state(true, null);
    try {
      Outcome outcome = store(association, object, file, path);
      association.release();
      return outcome;
    } catch (DicomNetworkException | DicomException | IOException e) {
      abort(association);
      return new Outcome.NotDelivered("C-STORE to " + receiver() + " not answered: " + e.getMessage());
    }
  }

  private Outcome store(Association association, ForwardedObject object, Part10 file, Path path)
      throws DicomNetworkException, DicomException, IOException {
    String syntax = chosen(association, object.sopClassUid(), file.transferSyntaxUid());
    if (syntax == null) {
      return new Outcome.Refused(receiver() + " accepts SOP class " + object.sopClassUid() + " in none of the"
          + " syntaxes proposed (" + file.transferSyntaxUid() + " as received; decompressing is not built)");
    }
    byte context = accepted(association, object.sopClassUid(), syntax);
    Status response = new Status();
    association.setReceivedDataHandler(response);
    association.send(context, new CStoreRequestCommandMessage(object.sopClassUid(), object.sopInstanceUid()).getBytes(),
        null);
    try (OutputStream out = association.getAssociationOutputStream(context)) {
      if (syntax.equals(file.transferSyntaxUid())) {
        try (InputStream in = Files.newInputStream(path)) {
          in.skipNBytes(file.dataSetOffset());
          in.transferTo(out);
        }
      } else {
        AttributeList list = new AttributeList();
        try (DicomInputStream in = new DicomInputStream(path.toFile())) {
          list.read(in);
        }
        list.removeGroupLengthAttributes();
        list.removeMetaInformationHeaderAttributes();
        try (DicomOutputStream dicom = new DicomOutputStream(out, null, syntax)) {
          list.write(dicom);
        }
      }
    }
    try {
      association.waitForCommandPDataPDUs();
    } catch (com.pixelmed.network.AReleaseException e) {
      return new Outcome.NotDelivered(receiver() + " released the association instead of answering the C-STORE");
    }
    String words = String.format("C-STORE status %04XH", response.getStatus())
        + (response.comment.isEmpty() ? "" : ": " + response.comment);
    return switch (CStoreStatus.of(response.getStatus())) {
      case DELIVERED -> new Outcome.Delivered(words);
      case SEND_AGAIN -> new Outcome.NotDelivered(receiver() + " answered " + words);
      case REFUSED -> new Outcome.Refused(receiver() + " refused the object: " + words);
    };
  }

  /** The syntax received in when the archive takes it, else an uncompressed one it takes, or null. */
  private static String chosen(Association association, String sopClass, String received) {
    List<String> candidates = UNCOMPRESSED.contains(received) ? List.of(received, EXPLICIT_LE, IMPLICIT_LE)
        : List.of(received);
    return candidates.stream().filter(ts -> accepted(association, sopClass, ts) != 0).findFirst().orElse(null);
  }

  private static byte accepted(Association association, String sopClass, String syntax) {
    try {
      return association.getSuitablePresentationContextID(sopClass, syntax);
    } catch (DicomNetworkException | RuntimeException e) {
      return 0;
    }
  }

  private static LinkedList<PresentationContext> contexts(String sopClass, String receivedSyntax) {
    LinkedList<PresentationContext> contexts = new LinkedList<>();
    contexts.add(new PresentationContext(AS_RECEIVED, sopClass, receivedSyntax));
    if (!receivedSyntax.equals(EXPLICIT_LE) && !receivedSyntax.equals(IMPLICIT_LE)) {
      contexts.add(new PresentationContext(LITTLE_ENDIAN, sopClass, new LinkedList<>(List.of(EXPLICIT_LE, IMPLICIT_LE))));
    }
    return contexts;
  }

  private static void abort(Association association) {
    try {
      association.abort();
    } catch (DicomNetworkException ignored) {
      // the link is gone already
    }
  }

  /** The response's status and error comment. */
  private static final class Status extends CompositeResponseHandler {
    private String comment = "";

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
      status = Attribute.getSingleIntegerValueOrDefault(list, new AttributeTag(0x0000, 0x0900), 0xFFFF);
      comment = Attribute.getSingleStringValueOrEmptyString(list, new AttributeTag(0x0000, 0x0902));
      success = status == 0;
    }
  }
}
