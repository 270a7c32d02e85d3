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
import org.procroom.drivers.transport.PeerTunnel;
import org.procroom.drivers.ultrasound.commit.CommitmentRequest;
import org.procroom.drivers.ultrasound.commit.Reference;
import org.procroom.drivers.ultrasound.dimse.DimseCommand;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.drivers.ArchiveReports;
import org.procroom.gateway.charting.QueueSender;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.QueuedDelivery;

/**
 * An archive's queue over DICOM: each object C-STOREd on an association of its own, in the
 * transfer syntax it was received in when the archive accepts it (the file's data set streamed as
 * it lies on disk), else in explicit or implicit VR little endian, a compressed object decompressed.
 */
public final class DicomStoreDelivery extends QueueSender {
  private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  private static final Set<String> UNCOMPRESSED = Set.of(IMPLICIT_LE, EXPLICIT_LE, "1.2.840.10008.1.2.2");
  private static final byte AS_RECEIVED = 1;
  private static final byte LITTLE_ENDIAN = 3;
  private static final byte COMMITMENT = 5;

  private final ArchiveSettings archive;
  private final Path dataDir;
  private final ArchiveReports reports;

  /** {@code reports}: where the archive's storage commitment results arrive (through the DICOM driver). */
  public DicomStoreDelivery(ArchiveSettings archive, EventStore store, GatewayClock clock, Path dataDir,
      ArchiveReports reports) {
    super(archive.queue(), store, clock, archive.retryInitial(), archive.retryMax());
    this.archive = archive;
    this.dataDir = dataDir;
    this.reports = reports;
  }

  @Override
  protected String receiver() {
    return archive.describe();
  }

  @Override
  protected Outcome send(QueuedDelivery message) throws InterruptedException {
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
    PeerTunnel tunnel = null;
    try {
      // Our own connection: a connect and a silence timeout, and TLS when configured.
      tunnel = PeerTunnel.open(archive.tls(), archive.host(), archive.port(), archive.timeout(), archive.timeout());
      association = AssociationFactory.createNewAssociation("127.0.0.1", tunnel.port(), archive.calledAe(),
          archive.aeTitle(), contexts(object.sopClassUid(), file.transferSyntaxUid(), archive.storageCommitment()), null,
          false, 0);
    } catch (DicomNetworkException | IOException e) {
      if (tunnel != null) {
        tunnel.close();
      }
      return new Outcome.NotDelivered("no association with " + receiver() + ": " + e.getMessage());
    }
    state(true, null);
    String transaction = null;
    try {
      Outcome outcome = store(association, object, file, path);
      if (outcome instanceof Outcome.Delivered && archive.storageCommitment()) {
        java.util.UUID id = java.util.UUID.randomUUID();
        transaction = "2.25." + new java.math.BigInteger(1, java.nio.ByteBuffer.allocate(16)
            .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
        reports.expect(transaction);
        outcome = askToCommit(association, object, transaction);
        if (!(outcome instanceof Outcome.Delivered)) {
          reports.forget(transaction);
        }
      }
      association.release();
      return transaction != null && outcome instanceof Outcome.Delivered ? committed(object, transaction) : outcome;
    } catch (DicomNetworkException | DicomException | IOException e) {
      if (transaction != null) {
        reports.forget(transaction);
      }
      abort(association);
      return new Outcome.NotDelivered("C-STORE to " + receiver() + " not answered: " + e.getMessage());
    }
  }

  private Outcome store(Association association, ForwardedObject object, Part10 file, Path path)
      throws DicomNetworkException, DicomException, IOException {
    String syntax = chosen(association, object.sopClassUid(), file.transferSyntaxUid());
    if (syntax == null) {
      return new Outcome.Refused(receiver() + " accepts SOP class " + object.sopClassUid() + " in none of the"
          + " syntaxes proposed (" + file.transferSyntaxUid() + " as received, explicit and implicit VR little endian)");
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
        boolean compressed = !UNCOMPRESSED.contains(file.transferSyntaxUid());
        // An archive that takes the class only uncompressed gets the pixels decompressed (the
        // lossless form of what was received), the pixel module and the lossy history put right.
        list.setDecompressPixelData(compressed);
        try (DicomInputStream in = new DicomInputStream(path.toFile())) {
          list.read(in);
        }
        if (compressed) {
          list.correctDecompressedImagePixelModule();
          list.insertLossyImageCompressionHistoryIfDecompressed();
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
      // Sent again and logged: only the status, the archive's comment may name the patient.
      case SEND_AGAIN -> new Outcome.NotDelivered(receiver() + String.format(" answered C-STORE status %04XH",
          response.getStatus()));
      case REFUSED -> new Outcome.Refused(receiver() + " refused the object: " + words);
    };
  }

  /** The N-ACTION for the one object; delivered here means only that the archive took the request. */
  private Outcome askToCommit(Association association, ForwardedObject object, String transaction)
      throws DicomNetworkException, DicomException, IOException {
    byte context;
    try {
      context = association.getSuitablePresentationContextID(CommitmentRequest.SOP_CLASS);
    } catch (DicomNetworkException e) {
      return new Outcome.Refused(receiver() + " refused the Storage Commitment Push Model: set storageCommitment: false"
          + " for this archive, or have it offer the service");
    }
    AttributeList data = new CommitmentRequest(transaction, List.of(new Reference(object.sopClassUid(),
        object.sopInstanceUid()))).dataSet();
    java.io.ByteArrayOutputStream encoded = new java.io.ByteArrayOutputStream();
    try (DicomOutputStream out = new DicomOutputStream(encoded, null,
        association.getTransferSyntaxForPresentationContextID(context))) {
      data.write(out);
    }
    Status response = new Status();
    association.setReceivedDataHandler(response);
    association.send(context, DimseCommand.action(CommitmentRequest.SOP_CLASS, CommitmentRequest.SOP_INSTANCE, 2,
        CommitmentRequest.REQUEST_STORAGE_COMMITMENT), encoded.toByteArray());
    try {
      association.waitForCommandPDataPDUs();
    } catch (com.pixelmed.network.AReleaseException e) {
      return new Outcome.NotDelivered(receiver() + " released the association instead of answering the N-ACTION");
    }
    return response.getStatus() == 0x0000 ? new Outcome.Delivered("N-ACTION 0000H")
        : new Outcome.NotDelivered(String.format("%s answered the storage commitment request with %04XH", receiver(),
            response.getStatus()));
  }

  /** Waits for the archive's result: committed is delivered, a failure is a refusal, none is sent again. */
  private Outcome committed(ForwardedObject object, String transaction) throws InterruptedException {
    java.util.Optional<java.util.Map<String, Integer>> report = reports.await(transaction, archive.commitmentTimeout());
    if (report.isEmpty()) {
      return new Outcome.NotDelivered(receiver() + " sent no storage commitment result within "
          + archive.commitmentTimeout().toSeconds() + " s (is the gateway in its modalities, and it in the DICOM"
          + " driver's allowedCallers?)");
    }
    Integer result = report.get().get(object.sopInstanceUid());
    if (result != null && result == 0) {
      return new Outcome.Delivered("C-STORE and storage commitment, transaction " + transaction);
    }
    return new Outcome.Refused(receiver() + " did not commit the object" + (result == null
        ? ": its result does not name it" : String.format(": failure reason %04XH", result)));
  }

  /** The syntax received in when the archive takes it, else an uncompressed one it takes, or null. */
  private static String chosen(Association association, String sopClass, String received) {
    return List.of(received, EXPLICIT_LE, IMPLICIT_LE).stream().filter(ts -> accepted(association, sopClass, ts) != 0)
        .findFirst().orElse(null);
  }

  private static byte accepted(Association association, String sopClass, String syntax) {
    try {
      return association.getSuitablePresentationContextID(sopClass, syntax);
    } catch (DicomNetworkException | RuntimeException e) {
      return 0;
    }
  }

  private static LinkedList<PresentationContext> contexts(String sopClass, String receivedSyntax, boolean commitment) {
    LinkedList<PresentationContext> contexts = new LinkedList<>();
    contexts.add(new PresentationContext(AS_RECEIVED, sopClass, receivedSyntax));
    if (!receivedSyntax.equals(EXPLICIT_LE) && !receivedSyntax.equals(IMPLICIT_LE)) {
      contexts.add(new PresentationContext(LITTLE_ENDIAN, sopClass, new LinkedList<>(List.of(EXPLICIT_LE, IMPLICIT_LE))));
    }
    if (commitment) {
      contexts.add(new PresentationContext(COMMITMENT, CommitmentRequest.SOP_CLASS,
          new LinkedList<>(List.of(EXPLICIT_LE, IMPLICIT_LE))));
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
