package org.procroom.gateway.waves;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.api.WaveSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The box's waveform store, a SQLite file of its own beside the event store (so a second of ECG
 * never waits behind, or delays, an event's commit). Drivers hand segments in without blocking; one
 * writer thread checks each channel's sequence, hands the checked segment to the live feed, gathers
 * segments into rows of about a second and commits them. What the record needs is held: rows that
 * overlap a record's windows stay as long as the record does, the rest go after the retention.
 */
public final class WaveStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WaveStore.class);
  private static final Duration ROW_SPAN = Duration.ofSeconds(1);
  private static final long ROW_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** What the store counted since it opened: the bench and the commissioning view read it. */
  public record Counts(long segments, long samples, long rows, long bytes, long duplicates, long gaps,
      long unannouncedSamples, long droppedSegments, long unwrittenRows) {}

  private record Pending(String deviceId, WaveSegment segment) {}

  private final Connection writeConn;
  private final Connection readConn;
  private final BlockingQueue<Pending> queue;
  /** Per channel, the sample numbers of segments not taken (first, next), until the writer states them as a gap. */
  private final Map<String, java.util.Queue<long[]>> droppedRanges = new ConcurrentHashMap<>();
  private final Map<String, WaveRow> open = new LinkedHashMap<>();
  private final Continuity continuity = new Continuity();
  private final List<BiConsumer<String, WaveSegment>> listeners = new CopyOnWriteArrayList<>();
  private final java.util.Queue<java.util.concurrent.CountDownLatch> flushRequests =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Thread writer;
  private volatile boolean running = true;
  private final AtomicLong segments = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private final AtomicLong unannounced = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong unwritten = new AtomicLong();
  private volatile String lastError;

  private WaveStore(Connection writeConn, Connection readConn, int queueCapacity) {
    this.writeConn = writeConn;
    this.readConn = readConn;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.writer = new Thread(this::writeLoop, "wave-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Opens (creating where new) the store at {@code file}; {@code queueCapacity} segments may wait for the writer. */
  public static WaveStore open(Path file, int queueCapacity) {
    try {
      Connection w = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = w.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("""
            CREATE TABLE IF NOT EXISTS wave_rows(id INTEGER PRIMARY KEY, device TEXT NOT NULL, channel TEXT NOT NULL,
              code TEXT, mdc INTEGER, unit TEXT, period_ns INTEGER NOT NULL, scale REAL NOT NULL, value_offset REAL NOT NULL,
              first_seq INTEGER NOT NULL, count INTEGER NOT NULL, start_us INTEGER NOT NULL, end_us INTEGER NOT NULL,
              device_time_us INTEGER, received_us INTEGER NOT NULL, gap_missing INTEGER, gap_cause TEXT,
              flags TEXT NOT NULL, samples BLOB NOT NULL)""");
        s.execute("CREATE INDEX IF NOT EXISTS wave_rows_end ON wave_rows(end_us)");
        s.execute("""
            CREATE TABLE IF NOT EXISTS wave_holds(procedure_id TEXT NOT NULL, from_us INTEGER NOT NULL,
              to_us INTEGER NOT NULL, reason TEXT NOT NULL, until_us INTEGER NOT NULL)""");
      }
      w.setAutoCommit(false);
      Connection r = DriverManager.getConnection("jdbc:sqlite:" + file);
      return new WaveStore(w, r, queueCapacity);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the wave store " + file + ": " + e.getMessage(), e);
    }
  }

  /** Called on the writer thread with each checked segment, before it is written: must not block. */
  public void onSegment(BiConsumer<String, WaveSegment> listener) {
    listeners.add(listener);
  }

  /**
   * Takes a segment without waiting. Where the writer is that far behind, the segment is not kept:
   * counted, and stated as the cause of the gap before the channel's next kept segment.
   */
  public void accept(String deviceId, WaveSegment segment) {
    if (!running || !queue.offer(new Pending(deviceId, segment))) {
      dropped.incrementAndGet();
      droppedRanges.computeIfAbsent(key(deviceId, segment.channel()), k -> new java.util.concurrent.ConcurrentLinkedQueue<>())
          .add(new long[] {segment.firstSequence(), segment.nextSequence()});
    }
  }

  public Counts counts() {
    return new Counts(segments.get(), samples.get(), rows.get(), bytes.get(), duplicates.get(), gaps.get(),
        unannounced.get(), dropped.get(), unwritten.get());
  }

  /** Why the last rows could not be written (a full disk), or null while writing works. */
  public String lastError() {
    return lastError;
  }

  /** Rows of every device (or of {@code deviceId}) that overlap {@code from} to {@code to}, in time order. */
  public List<StoredWave> read(Instant from, Instant to, String deviceId) {
    String sql = "SELECT device, channel, code, mdc, unit, period_ns, scale, value_offset, first_seq, count, device_time_us,"
        + " received_us, gap_missing, gap_cause, flags, samples FROM wave_rows WHERE end_us > ? AND start_us < ?"
        + (deviceId == null ? "" : " AND device = ?") + " ORDER BY device, channel, first_seq";
    synchronized (readConn) {
      try (PreparedStatement ps = readConn.prepareStatement(sql)) {
        ps.setLong(1, GatewayClock.toMicros(from));
        ps.setLong(2, GatewayClock.toMicros(to));
        if (deviceId != null) {
          ps.setString(3, deviceId);
        }
        List<StoredWave> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long deviceUs = rs.getLong(11);
            Instant deviceTime = rs.wasNull() ? null : GatewayClock.toInstant(deviceUs);
            long missing = rs.getLong(13);
            WaveSegment.Gap gap = rs.wasNull() ? null : new WaveSegment.Gap(missing, rs.getString(14));
            String flags = rs.getString(15);
            int mdc = rs.getInt(4);
            Integer mdcCode = rs.wasNull() ? null : mdc;
            out.add(new StoredWave(rs.getString(1), new WaveSegment(rs.getString(2), rs.getString(3), mdcCode,
                rs.getString(5), Duration.ofNanos(rs.getLong(6)), rs.getDouble(7), rs.getDouble(8), rs.getLong(9),
                deviceTime, GatewayClock.toInstant(rs.getLong(12)), SampleCodec.decode(rs.getBytes(16), rs.getInt(10)),
                flags.isEmpty() ? List.of() : Arrays.asList(flags.split(",")), gap)));
          }
        }
        return out;
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read the wave store: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Keeps the rows overlapping each window while the record {@code procedureId} is kept: until
   * {@link #release} or, at the latest, {@code until} (the record's own retention).
   */
  public void hold(String procedureId, List<WaveWindow> windows, Instant until) {
    synchronized (readConn) {
      try (PreparedStatement ps = readConn.prepareStatement(
          "INSERT INTO wave_holds(procedure_id, from_us, to_us, reason, until_us) VALUES (?, ?, ?, ?, ?)")) {
        for (WaveWindow w : windows) {
          ps.setString(1, procedureId);
          ps.setLong(2, GatewayClock.toMicros(w.from()));
          ps.setLong(3, GatewayClock.toMicros(w.to()));
          ps.setString(4, w.reason());
          ps.setLong(5, GatewayClock.toMicros(until));
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot hold the record's waveform windows: " + e.getMessage(), e);
      }
    }
  }

  /** The record is gone from the box: its windows are no longer held. */
  public void release(String procedureId) {
    update("DELETE FROM wave_holds WHERE procedure_id = ?", procedureId);
  }

  /** Removes rows that ended before {@code before} and overlap no held window; returns how many. */
  public int prune(Instant before) {
    update("DELETE FROM wave_holds WHERE until_us < ?", GatewayClock.toMicros(before));
    return update("DELETE FROM wave_rows WHERE end_us < ? AND NOT EXISTS (SELECT 1 FROM wave_holds h"
        + " WHERE h.from_us < wave_rows.end_us AND h.to_us > wave_rows.start_us)", GatewayClock.toMicros(before));
  }

  private int update(String sql, Object arg) {
    synchronized (readConn) {
      try (PreparedStatement ps = readConn.prepareStatement(sql)) {
        ps.setObject(1, arg);
        return ps.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException("wave store: " + e.getMessage(), e);
      }
    }
  }

  /** Writes out what is gathered so far and waits until it is committed (a stop, a record's close). */
  public void flush() {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    flushRequests.add(done);
    try {
      done.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeLoop() {
    List<WaveRow> closed = new ArrayList<>();
    long lastCommit = System.nanoTime();
    while (running || !queue.isEmpty()) {
      Pending p = null;
      try {
        p = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
      if (p != null) {
        take(p, closed);
      }
      long now = System.nanoTime();
      boolean flushing = !flushRequests.isEmpty() || !running;
      if (flushing) {
        for (Pending more = queue.poll(); more != null; more = queue.poll()) {
          take(more, closed);
        }
      }
      open.values().removeIf(row -> {
        if (flushing || now - row.openedNanos > ROW_MAX_AGE_NANOS) {
          closed.add(row);
          return true;
        }
        return false;
      });
      if (!closed.isEmpty() && (flushing || now - lastCommit > TimeUnit.MILLISECONDS.toNanos(500))) {
        write(closed);
        closed.clear();
        lastCommit = now;
      }
      if (flushing) {
        java.util.concurrent.CountDownLatch l;
        while ((l = flushRequests.poll()) != null) {
          l.countDown();
        }
      }
    }
    write(closed);
  }

  private void take(Pending p, List<WaveRow> closed) {
    WaveSegment s = p.segment();
    String key = key(p.deviceId(), s.channel());
    long lost = notTaken(key, continuity.expected(p.deviceId(), s.channel()), s.firstSequence());
    if (lost > 0) {
      long jump = s.firstSequence() - continuity.expected(p.deviceId(), s.channel());
      s = s.renumbered(s.firstSequence(), new WaveSegment.Gap(jump,
          "the gateway's wave writer fell behind: " + lost + " samples were not kept"
              + (jump > lost && s.gapBefore() != null ? "; and " + s.gapBefore().cause() : "")));
    }
    Continuity.Checked checked = continuity.check(p.deviceId(), s);
    duplicates.addAndGet(checked.duplicates());
    unannounced.addAndGet(checked.unannounced());
    if (checked.segment().isEmpty()) {
      return;
    }
    s = checked.segment().get();
    if (s.gapBefore() != null) {
      gaps.incrementAndGet();
    }
    segments.incrementAndGet();
    samples.addAndGet(s.size());
    for (BiConsumer<String, WaveSegment> l : listeners) {
      try {
        l.accept(p.deviceId(), s);
      } catch (RuntimeException e) {
        LOG.warn("wave listener failed: {}", e.toString());
      }
    }
    WaveRow row = open.get(key);
    if (row != null && row.joins(s)) {
      row.add(s);
    } else {
      if (row != null) {
        closed.add(row);
      }
      row = new WaveRow(p.deviceId(), s, System.nanoTime());
      open.put(key, row);
    }
    if (row.span().compareTo(ROW_SPAN) >= 0) {
      closed.add(open.remove(key));
    }
  }

  private void write(List<WaveRow> closed) {
    if (closed.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = writeConn.prepareStatement("INSERT INTO wave_rows(device, channel, code, unit, period_ns,"
        + " scale, value_offset, first_seq, count, start_us, end_us, device_time_us, received_us, gap_missing, gap_cause,"
        + " flags, samples, mdc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (WaveRow r : closed) {
        StoredWave w = r.toStored();
        WaveSegment s = w.segment();
        byte[] blob = SampleCodec.encode(s.samples());
        ps.setString(1, w.deviceId());
        ps.setString(2, s.channel());
        ps.setString(3, s.code());
        ps.setString(4, s.unit());
        ps.setLong(5, s.samplePeriod().toNanos());
        ps.setDouble(6, s.scale());
        ps.setDouble(7, s.offset());
        ps.setLong(8, s.firstSequence());
        ps.setInt(9, s.size());
        ps.setLong(10, GatewayClock.toMicros(w.start()));
        ps.setLong(11, GatewayClock.toMicros(w.end()));
        if (s.deviceTime() == null) {
          ps.setNull(12, java.sql.Types.INTEGER);
        } else {
          ps.setLong(12, GatewayClock.toMicros(s.deviceTime()));
        }
        ps.setLong(13, GatewayClock.toMicros(s.receivedAt()));
        if (s.gapBefore() == null) {
          ps.setNull(14, java.sql.Types.INTEGER);
          ps.setNull(15, java.sql.Types.VARCHAR);
        } else {
          ps.setLong(14, s.gapBefore().missing());
          ps.setString(15, s.gapBefore().cause());
        }
        ps.setString(16, String.join(",", s.flags()));
        ps.setBytes(17, blob);
        if (s.mdc() == null) {
          ps.setNull(18, java.sql.Types.INTEGER);
        } else {
          ps.setInt(18, s.mdc());
        }
        ps.addBatch();
        bytes.addAndGet(blob.length);
      }
      ps.executeBatch();
      writeConn.commit();
      rows.addAndGet(closed.size());
      lastError = null;
    } catch (SQLException e) {
      unwritten.addAndGet(closed.size());
      lastError = closed.size() + " wave rows not written: " + e.getMessage();
      LOG.error("wave store: {} rows not written: {}", closed.size(), e.getMessage());
      try {
        writeConn.rollback();
      } catch (SQLException ignored) {
        LOG.debug("wave store: rollback failed too: {}", ignored.getMessage());
      }
    }
  }

  /** How many samples numbered from {@code from} to before {@code to} were not taken; those ranges are then forgotten. */
  private long notTaken(String key, long from, long to) {
    java.util.Queue<long[]> ranges = droppedRanges.get(key);
    if (ranges == null) {
      return 0;
    }
    long n = 0; // ranges before the channel's first kept segment (from < 0) are counted as dropped only
    for (java.util.Iterator<long[]> it = ranges.iterator(); it.hasNext(); ) {
      long[] r = it.next();
      if (r[1] <= to) {
        n += from < 0 ? 0 : Math.max(0, Math.min(r[1], to) - Math.max(r[0], from));
        it.remove();
      }
    }
    return n;
  }

  private static String key(String deviceId, String channel) {
    return deviceId + '\u0000' + channel;
  }

  @Override
  public void close() {
    running = false;
    try {
      writer.join(5000);
      writeConn.close();
      readConn.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      LOG.warn("closing the wave store: {}", e.getMessage());
    }
  }
}
