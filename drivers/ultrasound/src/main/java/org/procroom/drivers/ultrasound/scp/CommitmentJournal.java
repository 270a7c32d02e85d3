package org.procroom.drivers.ultrasound.scp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.procroom.drivers.ultrasound.commit.Reference;

/**
 * Storage commitment transactions accepted and not yet reported, one file each in
 * {@code dicom/commitments}, written and synced before the N-ACTION is answered, deleted once the
 * modality took the report: a gateway restart in between reports them at the next start.
 */
final class CommitmentJournal {
  /** One accepted request: who asked, when, and for what. */
  record Transaction(String transactionUid, String callingAe, Instant receivedAt, List<Reference> references) {}

  private final Path folder;

  CommitmentJournal(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
  }

  void keep(Transaction t) throws IOException {
    StringBuilder text = new StringBuilder()
        .append("transaction\t").append(t.transactionUid()).append('\n')
        .append("caller\t").append(t.callingAe()).append('\n')
        .append("received\t").append(t.receivedAt()).append('\n');
    for (Reference r : t.references()) {
      text.append("reference\t").append(r.sopClassUid()).append('\t').append(r.sopInstanceUid()).append('\n');
    }
    text.append("end\n");
    Path target = file(t.transactionUid());
    Path temporary = target.resolveSibling(target.getFileName() + ".new");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  /** A request with this transaction UID waits for its report. */
  boolean holds(String transactionUid) {
    return Files.exists(file(transactionUid));
  }

  void reported(String transactionUid) throws IOException {
    Files.deleteIfExists(file(transactionUid));
  }

  /** The transactions still owed a report, oldest first; a file cut off before its last line is skipped. */
  List<Transaction> pending() throws IOException {
    List<Transaction> out = new ArrayList<>();
    try (var files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".tsv")).sorted()::iterator) {
        Transaction t = read(f);
        if (t != null) {
          out.add(t);
        }
      }
    }
    out.sort(java.util.Comparator.comparing(Transaction::receivedAt));
    return out;
  }

  private static Transaction read(Path f) throws IOException {
    String uid = null;
    String caller = null;
    Instant received = null;
    List<Reference> references = new ArrayList<>();
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      String[] p = line.split("\t", -1);
      switch (p[0]) {
        case "transaction" -> uid = p[1];
        case "caller" -> caller = p[1];
        case "received" -> received = p.length > 1 ? Instant.parse(p[1]) : null;
        case "reference" -> references.add(new Reference(p[1], p.length > 2 ? p[2] : ""));
        case "end" -> {
          return new Transaction(uid, caller, received, references);
        }
        default -> { }
      }
    }
    return null;
  }

  private Path file(String transactionUid) {
    return folder.resolve(transactionUid.replaceAll("[^0-9.]", "_") + ".tsv");
  }
}
