package org.procroom.drivers.ultrasound.scp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepJournalTest {
  @TempDir Path dir;

  @Test
  void theLatestStateOfEachStepOutlivesTheProcess() throws Exception {
    Path file = dir.resolve("mpps-steps.tsv");
    StepJournal first = StepJournal.open(file);
    assertEquals(Map.of(), first.known());
    first.append("1.2.1", "IN PROGRESS");
    first.append("1.2.2", "IN PROGRESS");
    first.append("1.2.1", "COMPLETED");

    assertEquals(Map.of("1.2.1", "COMPLETED", "1.2.2", "IN PROGRESS"), StepJournal.open(file).known());
    assertEquals("1.2.2\tIN PROGRESS\n1.2.1\tCOMPLETED\n", Files.readString(file),
        "rewritten with one line a step, the step changed last at the end");
  }

  @Test
  void aLineCutOffByACrashIsIgnored() throws Exception {
    Path file = dir.resolve("mpps-steps.tsv");
    Files.writeString(file, "1.2.1\tIN PROGRESS\n1.2.1\tCOMPLE");
    assertEquals(Map.of("1.2.1", "IN PROGRESS"), StepJournal.open(file).known());
  }

  @Test
  void onlyTheMostRecentStepsAreKept() throws Exception {
    Path file = dir.resolve("mpps-steps.tsv");
    StepJournal journal = StepJournal.open(file);
    for (int i = 0; i < StepJournal.KEPT + 5; i++) {
      journal.append("1.2." + i, "COMPLETED");
    }
    journal.append("1.2.0", "COMPLETED");
    Map<String, String> known = StepJournal.open(file).known();
    assertEquals(StepJournal.KEPT, known.size());
    assertEquals("COMPLETED", known.get("1.2.0"), "a step changed lately counts as recent");
    assertEquals(null, known.get("1.2.1"), "the oldest go first");
    assertEquals(null, known.get("1.2.5"));
    assertEquals("COMPLETED", known.get("1.2.6"));
  }
}
