package org.procroom.drivers.ultrasound.scp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The states of performed procedure steps, kept on disk so that a modality can complete after a
 * gateway restart a step it started before. One line per change, {@code uid TAB state}, appended and
 * synced; on opening, the latest state of each step is read back and the file rewritten with the
 * most recent {@link #KEPT} steps only. A line cut off by a crash is ignored.
 */
final class StepJournal {
  static final int KEPT = 1000;

  private final Path file;
  private final Map<String, String> known;

  private StepJournal(Path file, Map<String, String> known) {
    this.file = file;
    this.known = known;
  }

  static StepJournal open(Path file) throws IOException {
    Map<String, String> latest = new LinkedHashMap<>();
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      for (String line : (end < 0 ? "" : text.substring(0, end)).split("\n")) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          String uid = line.substring(0, tab);
          latest.remove(uid);
          latest.put(uid, line.substring(tab + 1));
        }
      }
    }
    while (latest.size() > KEPT) {
      latest.remove(latest.keySet().iterator().next());
    }
    StringBuilder compacted = new StringBuilder();
    latest.forEach((uid, state) -> compacted.append(uid).append('\t').append(state).append('\n'));
    Path temporary = file.resolveSibling(file.getFileName() + ".new");
    write(temporary, compacted.toString(), StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return new StepJournal(file, latest);
  }

  /** Step instance UID to its latest state, oldest step first. */
  Map<String, String> known() {
    return Map.copyOf(known);
  }

  synchronized void append(String uid, String state) throws IOException {
    write(file, uid + '\t' + state + '\n', StandardOpenOption.APPEND);
  }

  private static void write(Path file, String text, StandardOpenOption mode) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE, mode)) {
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
  }
}
