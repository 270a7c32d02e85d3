package org.procroom.gateway.waves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.api.WaveSegment;

/** The wave store on a real SQLite file: rows of about a second, read back as sent, held windows, retention. */
class WaveStoreTest {
  private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

  @TempDir
  Path dir;

  /** 128 ECG samples (256 ms at 500 Hz) numbered from {@code first}. */
  private static WaveSegment array(long first) {
    int[] samples = IntStream.range(0, 128).map(i -> 8192 + (int) ((first + i) % 50)).toArray();
    return new WaveSegment("II", "MDC_ECG_ELEC_POTL_II", 131330, "mV", Duration.ofMillis(2), 0.005, -40.96, first,
        T.plusMillis(2 * first), T.plusMillis(2 * first + 300), samples, List.of(), null);
  }

  @Test
  void tenSecondsComeBackAsSentInRowsOfASecond() {
    try (WaveStore store = WaveStore.open(dir.resolve("waves.db"), 100)) {
      List<WaveSegment> live = new ArrayList<>();
      store.onSegment((device, s) -> live.add(s));
      for (int i = 0; i < 39; i++) { // 39 x 128 = 4992 samples, 9.984 s
        store.accept("monitor-2", array(128L * i));
      }
      store.flush();
      List<StoredWave> rows = store.read(T, T.plusSeconds(10), null);
      assertEquals(List.of(4, 4, 4, 4, 4, 4, 4, 4, 4, 3), rows.stream().map(r -> r.segment().size() / 128).toList(),
          "rows of the first 1.024 s of samples each, the rest in the last");
      int[] all = rows.stream().flatMapToInt(r -> IntStream.of(r.segment().samples())).toArray();
      assertArrayEquals(IntStream.range(0, 4992).map(i -> 8192 + i % 50).toArray(), all);
      assertEquals(T.plusMillis(2 * 512), rows.get(1).start());
      assertEquals(39, live.size(), "every segment went to the live feed");
      WaveStore.Counts c = store.counts();
      assertEquals(4992, c.samples());
      assertEquals(10, c.rows());
      assertEquals(0, c.duplicates() + c.gaps() + c.droppedSegments());
    }
  }

  @Test
  void aGapStartsARowAndIsKeptWithIt() {
    try (WaveStore store = WaveStore.open(dir.resolve("waves.db"), 100)) {
      store.accept("m", array(0));
      store.accept("m", array(1000).renumbered(1000, new WaveSegment.Gap(872, "the monitor's samples resumed late")));
      store.flush();
      List<StoredWave> rows = store.read(T, T.plusSeconds(10), "m");
      assertEquals(2, rows.size());
      assertNull(rows.get(0).segment().gapBefore());
      assertEquals(new WaveSegment.Gap(872, "the monitor's samples resumed late"), rows.get(1).segment().gapBefore());
      assertEquals(1, store.counts().gaps());
    }
  }

  @Test
  void aStoreTooFarBehindSaysHowManySamplesItDidNotKeep() throws Exception {
    try (WaveStore store = WaveStore.open(dir.resolve("waves.db"), 1)) {
      for (int i = 0; i < 200; i++) { // faster than any writer: the queue of one overflows
        store.accept("m", array(128L * i));
      }
      store.flush();
      List<StoredWave> rows = store.read(T, T.plusSeconds(60), "m");
      long kept = rows.stream().mapToLong(r -> r.segment().size()).sum();
      long dropped = store.counts().droppedSegments();
      assertEquals(200 * 128, kept + 128 * dropped, "every sample either kept or counted as not kept");
      long stated = rows.stream().filter(r -> r.segment().gapBefore() != null)
          .filter(r -> r.segment().gapBefore().cause().startsWith("the gateway's wave writer fell behind"))
          .mapToLong(r -> r.segment().gapBefore().missing()).sum();
      long unstatedTail = 200 * 128 - rows.get(rows.size() - 1).segment().nextSequence();
      assertEquals(128 * dropped, stated + unstatedTail, "each loss stated before the next kept samples");
    }
  }

  @Test
  void retentionKeepsWhatARecordHolds() {
    try (WaveStore store = WaveStore.open(dir.resolve("waves.db"), 100)) {
      for (int i = 0; i < 39; i++) {
        store.accept("m", array(128L * i));
      }
      store.flush();
      store.hold("proc-1", List.of(new WaveWindow(T.plusMillis(4100), T.plusMillis(4200), "injection")),
          T.plusSeconds(3600));
      assertEquals(9, store.prune(T.plusSeconds(60)));
      List<StoredWave> left = store.read(T, T.plusSeconds(60), null);
      assertEquals(1, left.size());
      assertEquals(T.plusMillis(4096), left.get(0).start(), "the row holding the window");
      store.release("proc-1");
      assertEquals(1, store.prune(T.plusSeconds(60)));
    }
  }
}
