package org.procroom.gateway.store;

import org.procroom.gateway.api.EventTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.api.PatientIdentified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The procedure record, the event log and the outbox in one SQLite database (WAL, synchronous
 * FULL: a commit survives power loss). One writer thread owns the connection and commits whatever
 * is queued as one transaction (group commit); each operation runs under its own savepoint so a
 * bad one fails alone. Futures complete only after the commit, which is when a driver may
 * acknowledge its device.
 */
public final class EventStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);
  private static final int SCHEMA_VERSION = 6;
  /** How long deferrable work waits for a device's event to share its commit (and its fsync). */
  private static final long DEFER_MS = 250;

  @FunctionalInterface
  private interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /** {@code deferrable}: may wait for other work to share its commit (losing it costs a re-send, not data). */
  private record Op<T>(Work<T> work, CompletableFuture<T> result, boolean deferrable) {
    void fail(Throwable t) {
      result.completeExceptionally(t);
    }
  }

  /** Replaced only on the writer thread, when a failed transaction left the old one unusable. */
  private Connection conn;
  private final Path file;
  private final String room;
  private final OutboxRouter router;
  private final RecordRules rules;
  private final int batchMax;
  private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
  private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
  private final Thread writer;
  private volatile boolean open = true;
  private volatile Procedure current;
  private volatile List<Scheduled> scheduled = List.of();
  /** Events inserted by the batch being committed, handed to listeners once it is durable. */
  private final List<DeviceEvent> insertedInBatch = new ArrayList<>();
  private final List<java.util.function.Consumer<List<DeviceEvent>>> eventListeners = new CopyOnWriteArrayList<>();
  /** Outbox rows inserted by the batch being committed, handed to the publisher once durable. */
  private final List<OutboxMessage> outboxInBatch = new ArrayList<>();
  private final List<java.util.function.Consumer<List<OutboxMessage>>> outboxListeners = new CopyOnWriteArrayList<>();
  private final List<java.util.function.Consumer<String>> healthListeners = new CopyOnWriteArrayList<>();
  private volatile String lastError;
  private final LongAdder eventsCommitted = new LongAdder();

  private EventStore(Path file, Connection conn, String room, OutboxRouter router, RecordRules rules, int batchMax)
      throws SQLException {
    this.file = file;
    this.conn = conn;
    this.room = room;
    this.router = router;
    this.rules = rules;
    this.batchMax = batchMax;
    this.current = loadOpenProcedure(conn, room).orElse(null);
    this.scheduled = StoreReader.scheduled(conn, room);
    this.writer = new Thread(this::writeLoop, "store-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Opens (creating if needed) the database file and resumes the room's open procedure, if any. */
  public static EventStore open(Path file, String room, OutboxRouter router, int batchMax) {
    return open(file, room, router, RecordRules.NONE, batchMax);
  }

  /** As {@link #open(Path, String, OutboxRouter, int)}, with the rules that derive phase changes and warnings. */
  public static EventStore open(Path file, String room, OutboxRouter router, RecordRules rules, int batchMax) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection conn = connect(file);
      try (Statement s = conn.createStatement()) {
        migrate(s);
      }
      conn.setAutoCommit(false);
      return new EventStore(file, conn, room, router, rules, batchMax);
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("cannot open the store at " + file + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(Path file) throws SQLException {
    Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = conn.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA busy_timeout=5000");
    }
    return conn;
  }

  private static void migrate(Statement s) throws SQLException {
    int version;
    try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version > SCHEMA_VERSION) {
      throw new SQLException("the store was written by a newer gateway (schema " + version + ")");
    }
    if (version < 1) {
      s.execute("""
          CREATE TABLE procedures(
            id TEXT PRIMARY KEY, room TEXT NOT NULL, procedure_type TEXT NOT NULL, patient_ref TEXT,
            state TEXT NOT NULL, opened_us INTEGER NOT NULL, closed_us INTEGER,
            last_record_seq INTEGER NOT NULL DEFAULT 0)""");
      s.execute("CREATE UNIQUE INDEX procedures_one_open ON procedures(room) WHERE state = 'OPEN'");
      s.execute("""
          CREATE TABLE events(
            seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, room TEXT NOT NULL,
            procedure_id TEXT REFERENCES procedures(id), record_seq INTEGER,
            device_id TEXT NOT NULL, device_kind TEXT NOT NULL, type TEXT NOT NULL,
            device_time_us INTEGER, received_us INTEGER NOT NULL, payload TEXT NOT NULL)""");
      s.execute("CREATE INDEX events_by_procedure ON events(procedure_id, record_seq)");
      s.execute("""
          CREATE TABLE outbox(
            seq INTEGER PRIMARY KEY AUTOINCREMENT, event_seq INTEGER REFERENCES events(seq),
            topic TEXT NOT NULL, payload BLOB NOT NULL, retained INTEGER NOT NULL,
            created_us INTEGER NOT NULL, confirmed_us INTEGER)""");
      s.execute("CREATE INDEX outbox_pending ON outbox(seq) WHERE confirmed_us IS NULL");
      s.execute("PRAGMA user_version=1");
    }
    if (version < 2) {
      // Schema 2: when the patient was confirmed at the point of care (wristband matched).
      s.execute("ALTER TABLE procedures ADD COLUMN patient_verified_us INTEGER");
      s.execute("PRAGMA user_version=2");
    }
    if (version < 3) {
      // Schema 3: what the modality worklist serves besides the patient id.
      s.execute("ALTER TABLE procedures ADD COLUMN patient_name TEXT");
      s.execute("ALTER TABLE procedures ADD COLUMN accession_number TEXT");
      s.execute("PRAGMA user_version=3");
    }
    if (version < 4) {
      // Schema 4: the phase the procedure is in.
      s.execute("ALTER TABLE procedures ADD COLUMN phase TEXT");
      s.execute("PRAGMA user_version=4");
    }
    if (version < 5) {
      // Schema 5: procedures scheduled for the room (served on the worklist, opened on identification).
      s.execute("""
          CREATE TABLE scheduled(
            id TEXT PRIMARY KEY, room TEXT NOT NULL, procedure_type TEXT NOT NULL, patient_ref TEXT NOT NULL,
            patient_name TEXT, accession_number TEXT, scheduled_us INTEGER NOT NULL, started INTEGER NOT NULL DEFAULT 0)""");
      s.execute("PRAGMA user_version=5");
    }
    if (version < 6) {
      // Schema 6: a closed record whose FHIR bundle is not yet in the outbox (set by the close, cleared by the
      // bundle's insert), so a crash between the two leaves a debt that the next start pays.
      s.execute("ALTER TABLE procedures ADD COLUMN bundle_owed INTEGER NOT NULL DEFAULT 0");
      s.execute("PRAGMA user_version=6");
    }
  }

  /** Receives each committed batch's events in commit order, on the writer thread: hand them off, keep it short. */
  public void onEvents(java.util.function.Consumer<List<DeviceEvent>> listener) {
    eventListeners.add(listener);
  }

  /**
   * Receives each committed batch's outbox rows in seq order, on the writer thread, after the
   * results of that batch's operations: the publisher's fast path, so it need not read them back.
   */
  public void onOutbox(java.util.function.Consumer<List<OutboxMessage>> listener) {
    outboxListeners.add(listener);
  }

  /**
   * Told when the store starts failing (the reason, e.g. a full disk) and when it works again (null),
   * on the writer thread: the store cannot record its own failure, so others must announce it.
   */
  public void onHealth(java.util.function.Consumer<String> listener) {
    healthListeners.add(listener);
  }

  private void healthChanged(String error) {
    String previous = lastError;
    lastError = error;
    if (!java.util.Objects.equals(previous == null, error == null)) {
      healthListeners.forEach(l -> l.accept(error));
    }
  }

  /** Runs after every successful commit, on the writer thread: keep it short. */
  public void onCommit(Runnable listener) {
    commitListeners.add(listener);
  }

  public Optional<Procedure> currentProcedure() {
    return Optional.ofNullable(current);
  }

  /** Scheduled procedures of the room not started yet, earliest first. */
  public List<Scheduled> scheduled() {
    return scheduled;
  }

  /** Schedules a procedure; it appears on the worklist and opens when its patient is identified. */
  public CompletableFuture<Scheduled> schedule(String procedureType, String patientRef, String patientName,
      String accessionNumber, Instant at) {
    return submit(c -> {
      Scheduled s = new Scheduled(EventIds.next(), procedureType, patientRef, patientName, accessionNumber, at);
      try (PreparedStatement ps = c.prepareStatement("""
          INSERT INTO scheduled(id, room, procedure_type, patient_ref, patient_name, accession_number, scheduled_us)
          VALUES (?,?,?,?,?,?,?)""")) {
        ps.setString(1, s.id());
        ps.setString(2, room);
        ps.setString(3, procedureType);
        ps.setString(4, patientRef);
        ps.setString(5, patientName);
        ps.setString(6, accessionNumber);
        ps.setLong(7, GatewayClock.toMicros(at));
        ps.executeUpdate();
      }
      scheduled = StoreReader.scheduled(c, room);
      return s;
    });
  }

  /** Opens a scheduled procedure (staff confirm the patient); it keeps the scheduled id. */
  public CompletableFuture<Procedure> openScheduled(String scheduledId, Instant at) {
    return submit(c -> {
      Scheduled s = scheduled.stream().filter(x -> x.id().equals(scheduledId)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no scheduled procedure " + scheduledId + " waits in " + room));
      return open(c, s.id(), s.procedureType(), s.patientRef(), s.patientName(), s.accessionNumber(), at,
          EventJson.MAPPER.createObjectNode().put("how", "staff"));
    });
  }

  /** Events committed since this store was opened. */
  public long eventsCommitted() {
    return eventsCommitted.sum();
  }

  /** Null while the last commit succeeded; otherwise why it failed. */
  public String lastError() {
    return lastError;
  }

  // ---- writes -------------------------------------------------------------------------------

  public CompletableFuture<DeviceEvent> append(EventSource source, EventDraft draft) {
    JsonNode payload = EventJson.payloadTree(draft.payload());
    if (draft.outsideRecord()) {
      return submit(c -> insertOne(c, source, draft.type(), draft.deviceTime(), draft.receivedAt(), payload, false));
    }
    return submit(c -> insertEvent(c, source, draft.type(), draft.deviceTime(), draft.receivedAt(), payload));
  }

  /** Opens a procedure and records {@code procedure.opened} as its first event. */
  public CompletableFuture<Procedure> openProcedure(String procedureType, String patientRef, Instant at) {
    return openProcedure(procedureType, patientRef, null, null, at);
  }

  /** Opens a procedure with the patient's name and the order's accession number, for the worklist. */
  public CompletableFuture<Procedure> openProcedure(String procedureType, String patientRef, String patientName,
      String accessionNumber, Instant at) {
    return submit(c -> open(c, EventIds.next(), procedureType, patientRef, patientName, accessionNumber, at,
        EventJson.MAPPER.createObjectNode().put("how", "staff")));
  }

  private Procedure open(Connection c, String id, String procedureType, String patientRef, String patientName,
      String accessionNumber, Instant at, JsonNode cause) throws SQLException {
    if (current != null) {
      throw new IllegalStateException("procedure " + current.id() + " is already open in " + room + "; close it first");
    }
    Procedure p = new Procedure(id, room, procedureType, patientRef, Procedure.State.OPEN, at, null, 0,
        false, patientName, accessionNumber, "assessment");
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO procedures(id, room, procedure_type, patient_ref, state, opened_us, patient_name, accession_number,
                               phase)
        VALUES (?,?,?,?,?,?,?,?,'assessment')""")) {
      ps.setString(1, p.id());
      ps.setString(2, room);
      ps.setString(3, procedureType);
      ps.setString(4, patientRef);
      ps.setString(5, p.state().name());
      ps.setLong(6, GatewayClock.toMicros(at));
      ps.setString(7, patientName);
      ps.setString(8, accessionNumber);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE scheduled SET started=1 WHERE id=?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
    scheduled = StoreReader.scheduled(c, room);
    current = p;
    ObjectNode payload = EventJson.MAPPER.createObjectNode()
        .put("procedureType", procedureType).put("patientRef", patientRef).put("accessionNumber", accessionNumber);
    payload.set("openedBy", cause);
    insertOne(c, EventSource.GATEWAY, EventTypes.PROCEDURE_OPENED, null, at, payload);
    return current;
  }

  /**
   * Records {@code procedure.closed} as the procedure's last event and closes it; its FHIR bundle is
   * owed from this commit until {@link #enqueueBundle} pays it.
   */
  public CompletableFuture<Procedure> closeProcedure(String procedureId, Instant at) {
    return submit(c -> {
      if (current == null || !current.id().equals(procedureId)) {
        throw new IllegalStateException("procedure " + procedureId + " is not the open procedure of " + room);
      }
      insertEvent(c, EventSource.GATEWAY, EventTypes.PROCEDURE_CLOSED, null, at, EventJson.MAPPER.createObjectNode());
      try (PreparedStatement ps = c.prepareStatement("UPDATE procedures SET state='CLOSED', closed_us=?, bundle_owed=1 WHERE id=?")) {
        ps.setLong(1, GatewayClock.toMicros(at));
        ps.setString(2, procedureId);
        ps.executeUpdate();
      }
      Procedure closed = current.closed(at);
      current = null;
      return closed;
    });
  }

  /**
   * Appends an entry to a procedure's record (staff entries, amendments). The procedure must be the
   * open one; an amendment's {@code corrects} must name an event of that record.
   */
  public CompletableFuture<DeviceEvent> appendToRecord(String procedureId, EventSource source, String type,
      JsonNode payload, Instant at) {
    return submit(c -> {
      if (current == null || !current.id().equals(procedureId)) {
        throw new IllegalStateException("procedure " + procedureId + " is not open: entries go to the open procedure");
      }
      String corrects = payload.path("corrects").asText("");
      if (!corrects.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM events WHERE event_id=? AND procedure_id=?")) {
          ps.setString(1, corrects);
          ps.setString(2, procedureId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new IllegalStateException("corrects: no event " + corrects + " in this procedure's record");
            }
          }
        }
      }
      return insertEvent(c, source, type, null, at, payload);
    });
  }

  /** Queues a closed record's FHIR bundle for the broker, in outbox order, and clears the record's debt in the same commit. */
  public CompletableFuture<Void> enqueueBundle(String procedureId, String topic, byte[] payload, Instant at) {
    return submit(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO outbox(event_seq, topic, payload, retained, created_us) VALUES (NULL,?,?,0,?)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, topic);
        ps.setBytes(2, payload);
        ps.setLong(3, GatewayClock.toMicros(at));
        ps.executeUpdate();
        outboxInBatch.add(new OutboxMessage(generatedKey(ps), topic, payload, false, GatewayClock.toMicros(at)));
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE procedures SET bundle_owed=0 WHERE id=?")) {
        ps.setString(1, procedureId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Closed records whose FHIR bundle is not in the outbox yet (the gateway stopped between close and bundle). */
  public CompletableFuture<List<Procedure>> owedBundles() {
    return submit(StoreReader::owedBundles);
  }

  /** Marks outbox rows delivered; the commit may wait briefly for other work (a lost mark is only a re-send). */
  public CompletableFuture<Void> markConfirmed(List<Long> outboxSeqs, Instant at) {
    return submit(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET confirmed_us=? WHERE seq=?")) {
        for (long seq : outboxSeqs) {
          ps.setLong(1, GatewayClock.toMicros(at));
          ps.setLong(2, seq);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    }, true);
  }

  /** Deletes confirmed outbox rows confirmed before the cutoff; the events themselves stay. */
  public CompletableFuture<Integer> pruneConfirmed(Instant before) {
    return submit(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE confirmed_us < ?")) {
        ps.setLong(1, GatewayClock.toMicros(before));
        return ps.executeUpdate();
      }
    });
  }

  /** What {@link #pruneRecords} removed: the records, the events and the files those events named. */
  public record PrunedRecords(int records, int events, List<String> files) {}

  /**
   * Deletes closed records older than {@code closedBefore} (and events outside any record older than
   * it) once the broker has confirmed every message they produced: the box is not the archive, the
   * charting system is. Returns the files (below the data folder) the deleted events named.
   */
  public CompletableFuture<PrunedRecords> pruneRecords(Instant closedBefore) {
    return submit(c -> {
      long cutoff = GatewayClock.toMicros(closedBefore);
      String prunable = """
          SELECT seq, payload FROM events e WHERE
            (procedure_id IN (SELECT id FROM procedures p WHERE p.state = 'CLOSED' AND p.closed_us < ?1 AND p.bundle_owed = 0
                AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.confirmed_us IS NULL AND o.topic LIKE '%/records/' || p.id || '/fhir'))
             OR (procedure_id IS NULL AND received_us < ?1))
            AND NOT EXISTS (SELECT 1 FROM events e2 JOIN outbox o ON o.event_seq = e2.seq
                WHERE o.confirmed_us IS NULL AND (e2.seq = e.seq OR (e.procedure_id IS NOT NULL AND e2.procedure_id = e.procedure_id)))""";
      List<Long> seqs = new ArrayList<>();
      List<String> files = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(prunable)) {
        ps.setLong(1, cutoff);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            seqs.add(rs.getLong(1));
            JsonNode payload = EventJson.MAPPER.readTree(rs.getString(2));
            for (String field : List.of("file", "thumbnail")) {
              if (payload.path(field).isTextual()) {
                files.add(payload.get(field).asText());
              }
            }
          }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new SQLException("unreadable event payload: " + e.getMessage(), e);
        }
      }
      try (PreparedStatement outbox = c.prepareStatement("DELETE FROM outbox WHERE event_seq = ?");
           PreparedStatement event = c.prepareStatement("DELETE FROM events WHERE seq = ?")) {
        for (long seq : seqs) {
          outbox.setLong(1, seq);
          outbox.addBatch();
          event.setLong(1, seq);
          event.addBatch();
        }
        outbox.executeBatch();
        event.executeBatch();
      }
      int records;
      try (PreparedStatement ps = c.prepareStatement("""
          DELETE FROM procedures WHERE state = 'CLOSED' AND closed_us < ?
            AND NOT EXISTS (SELECT 1 FROM events e WHERE e.procedure_id = procedures.id)""")) {
        ps.setLong(1, cutoff);
        records = ps.executeUpdate();
      }
      return new PrunedRecords(records, seqs.size(), files);
    });
  }

  private DeviceEvent insertEvent(Connection c, EventSource source, String type, Instant deviceTime,
      Instant receivedAt, JsonNode payload) throws SQLException {
    DeviceEvent event = insertOne(c, source, type, deviceTime, receivedAt, payload);
    if (current == null) {
      openOnIdentification(c, event);
    }
    Procedure p = current;
    if (p != null) {
      for (RecordRules.Derived d : rules.derive(p, event, (procedureId, t, field, value) -> has(c, procedureId, t, field, value))) {
        insertOne(c, EventSource.GATEWAY, d.type(), null, receivedAt, d.payload());
        if (d.phase() != null) {
          try (PreparedStatement ps = c.prepareStatement("UPDATE procedures SET phase=? WHERE id=?")) {
            ps.setString(1, d.phase());
            ps.setString(2, current.id());
            ps.executeUpdate();
          }
          current = current.inPhase(d.phase());
        }
      }
    }
    return event;
  }

  /**
   * A scheduled procedure opens when its patient is identified: a wristband scan of that patient,
   * or a worklist match (the modality starts a performed step for the scheduled study). A matching
   * wristband also confirms the patient.
   */
  private void openOnIdentification(Connection c, DeviceEvent event) throws SQLException {
    JsonNode p = event.payload();
    Optional<Scheduled> match = Optional.empty();
    String how = null;
    if (event.type().equals(EventTypes.BARCODE_SCAN) && p.path("classification").asText().equals("wristband")) {
      match = scheduled.stream().filter(s -> s.patientRef().equals(p.path("patientRef").asText())).findFirst();
      how = "wristband";
    } else if (event.type().equals(EventTypes.MPPS_STARTED)) {
      String study = p.path("studyInstanceUid").asText();
      match = scheduled.stream().filter(s -> org.procroom.gateway.api.ProcedureView.studyInstanceUid(s.id())
          .equals(study)).findFirst();
      how = "worklist";
    }
    if (match.isEmpty()) {
      return;
    }
    Scheduled s = match.get();
    ObjectNode cause = EventJson.MAPPER.createObjectNode().put("how", how).put("eventId", event.eventId())
        .put("deviceId", event.deviceId());
    open(c, s.id(), s.procedureType(), s.patientRef(), s.patientName(), s.accessionNumber(), event.receivedAt(), cause);
    if (how.equals("wristband")) {
      insertOne(c, EventSource.GATEWAY, org.procroom.gateway.api.PatientIdentified.EVENT_TYPE, null, event.receivedAt(),
          EventJson.MAPPER.valueToTree(new org.procroom.gateway.api.PatientIdentified(s.patientRef(), "wristband scan")));
    }
  }

  private static boolean has(Connection c, String procedureId, String type, String field, String value) {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM events WHERE procedure_id=? AND type=? AND json_extract(payload, ?) = ? LIMIT 1")) {
      ps.setString(1, procedureId);
      ps.setString(2, type);
      ps.setString(3, "$." + field);
      ps.setString(4, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("record query failed: " + e.getMessage(), e);
    }
  }

  private DeviceEvent insertOne(Connection c, EventSource source, String type, Instant deviceTime,
      Instant receivedAt, JsonNode payload) throws SQLException {
    return insertOne(c, source, type, deviceTime, receivedAt, payload, true);
  }

  private DeviceEvent insertOne(Connection c, EventSource source, String type, Instant deviceTime,
      Instant receivedAt, JsonNode payload, boolean inRecord) throws SQLException {
    String eventId = EventIds.next();
    Procedure p = inRecord ? current : null;
    Long recordSeq = null;
    if (p != null) {
      recordSeq = p.lastRecordSeq() + 1;
      try (PreparedStatement ps = c.prepareStatement("UPDATE procedures SET last_record_seq=? WHERE id=?")) {
        ps.setLong(1, recordSeq);
        ps.setString(2, p.id());
        ps.executeUpdate();
      }
      current = p.withLastRecordSeq(recordSeq);
      if (type.equals(PatientIdentified.EVENT_TYPE) && !p.patientVerified()) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE procedures SET patient_verified_us=? WHERE id=?")) {
          ps.setLong(1, GatewayClock.toMicros(receivedAt));
          ps.setString(2, p.id());
          ps.executeUpdate();
        }
        current = current.verified();
      }
    }
    long seq;
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO events(event_id, room, procedure_id, record_seq, device_id, device_kind, type,
                           device_time_us, received_us, payload) VALUES (?,?,?,?,?,?,?,?,?,?)""",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, eventId);
      ps.setString(2, room);
      ps.setString(3, p == null ? null : p.id());
      if (recordSeq == null) {
        ps.setNull(4, Types.INTEGER);
      } else {
        ps.setLong(4, recordSeq);
      }
      ps.setString(5, source.deviceId());
      ps.setString(6, source.deviceKind());
      ps.setString(7, type);
      if (deviceTime == null) {
        ps.setNull(8, Types.INTEGER);
      } else {
        ps.setLong(8, GatewayClock.toMicros(deviceTime));
      }
      ps.setLong(9, GatewayClock.toMicros(receivedAt));
      ps.setString(10, payload.toString());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        seq = keys.getLong(1);
      }
    }
    DeviceEvent event = new DeviceEvent(eventId, seq, room, p == null ? null : p.id(), recordSeq,
        source.deviceId(), source.deviceKind(), type, deviceTime, receivedAt, payload);
    insertedInBatch.add(event);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO outbox(event_seq, topic, payload, retained, created_us) VALUES (?,?,?,?,?)",
        Statement.RETURN_GENERATED_KEYS)) {
      for (OutboxRouter.Route route : router.routes(event)) {
        ps.setLong(1, seq);
        ps.setString(2, route.topic());
        ps.setBytes(3, route.payload());
        ps.setInt(4, route.retained() ? 1 : 0);
        ps.setLong(5, GatewayClock.toMicros(receivedAt));
        ps.executeUpdate();
        outboxInBatch.add(new OutboxMessage(generatedKey(ps), route.topic(), route.payload(), route.retained(),
            GatewayClock.toMicros(receivedAt)));
      }
    }
    return event;
  }

  private static long generatedKey(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }

  // ---- reads --------------------------------------------------------------------------------

  /** Unconfirmed outbox messages after {@code afterSeq}, oldest first. */
  public CompletableFuture<List<OutboxMessage>> pendingOutbox(long afterSeq, int limit) {
    return submit(c -> {
      List<OutboxMessage> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("""
          SELECT seq, topic, payload, retained, created_us FROM outbox
          WHERE confirmed_us IS NULL AND seq > ? ORDER BY seq LIMIT ?""")) {
        ps.setLong(1, afterSeq);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new OutboxMessage(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getInt(4) == 1, rs.getLong(5)));
          }
        }
      }
      return rows;
    });
  }

  public CompletableFuture<Long> outboxDepth() {
    return submit(c -> {
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox WHERE confirmed_us IS NULL")) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  /** Events of one procedure in record order, or every event (procedureId null) in log order. */
  public CompletableFuture<List<DeviceEvent>> events(String procedureId) {
    return submit(c -> StoreReader.events(c, procedureId));
  }

  /** The {@code limit} latest events of the log, oldest first. */
  public CompletableFuture<List<DeviceEvent>> latestEvents(int limit) {
    return submit(c -> StoreReader.latestEvents(c, limit));
  }

  public CompletableFuture<Optional<Procedure>> procedure(String id) {
    return submit(c -> StoreReader.procedure(c, id));
  }

  // ---- writer -------------------------------------------------------------------------------

  private <T> CompletableFuture<T> submit(Work<T> work) {
    return submit(work, false);
  }

  private <T> CompletableFuture<T> submit(Work<T> work, boolean deferrable) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (!open) {
      result.completeExceptionally(new StoreException("the store is closed"));
      return result;
    }
    queue.add(new Op<>(work, result, deferrable));
    return result;
  }

  private void writeLoop() {
    List<Op<?>> batch = new ArrayList<>(batchMax);
    while (open || !queue.isEmpty()) {
      try {
        Op<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchMax - 1);
        if (open && lastError == null && batch.stream().allMatch(Op::deferrable)) {
          // Only delivery confirmations: let the next device event carry them, so that a room's few
          // events per second each meet an idle writer instead of a confirmation's commit. Not while
          // commits fail (a full disk): then a confirmation goes alone and fails alone.
          Op<?> next = queue.poll(DEFER_MS, TimeUnit.MILLISECONDS);
          if (next != null) {
            batch.add(next);
            queue.drainTo(batch, batchMax - batch.size());
          }
        }
        commitBatch(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void commitBatch(List<Op<?>> batch) {
    Object[] results = new Object[batch.size()];
    Throwable[] failures = new Throwable[batch.size()];
    try {
      for (int i = 0; i < batch.size(); i++) {
        Savepoint savepoint = conn.setSavepoint();
        int insertedBefore = insertedInBatch.size();
        int outboxBefore = outboxInBatch.size();
        try {
          results[i] = batch.get(i).work().apply(conn);
          conn.releaseSavepoint(savepoint);
        } catch (SQLException | RuntimeException e) {
          conn.rollback(savepoint);
          current = loadOpenProcedure(conn, room).orElse(null);
          insertedInBatch.subList(insertedBefore, insertedInBatch.size()).clear();
          outboxInBatch.subList(outboxBefore, outboxInBatch.size()).clear();
          failures[i] = e instanceof SQLException ? new StoreException(describe((SQLException) e), e) : e;
        }
      }
      conn.commit();
      if (!insertedInBatch.isEmpty() || !outboxInBatch.isEmpty()) {
        // Only a committed event or message shows the store records again. A read commits even on a
        // full disk, and so can a delivery confirmation once reopening the store has freed its log.
        healthChanged(null);
      }
    } catch (SQLException e) {
      String reason = describe(e);
      healthChanged(reason);
      LOG.error("store commit failed, {} operations refused: {}", batch.size(), reason);
      rollbackQuietly();
      insertedInBatch.clear();
      outboxInBatch.clear();
      StoreException failure = new StoreException(reason, e);
      batch.forEach(op -> op.fail(failure));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Op op = batch.get(i);
      if (failures[i] != null) {
        op.fail(failures[i]);
      } else {
        op.result().complete(results[i]);
      }
    }
    eventsCommitted.add(insertedInBatch.size());
    if (!insertedInBatch.isEmpty() && !eventListeners.isEmpty()) {
      List<DeviceEvent> committed = List.copyOf(insertedInBatch);
      eventListeners.forEach(l -> l.accept(committed));
    }
    insertedInBatch.clear();
    if (!outboxInBatch.isEmpty()) {
      List<OutboxMessage> committed = List.copyOf(outboxInBatch);
      outboxListeners.forEach(l -> l.accept(committed));
    }
    outboxInBatch.clear();
    commitListeners.forEach(Runnable::run);
  }

  /**
   * Undoes a failed batch. SQLite rolls some failures back by itself (a full disk), which leaves the
   * driver's transaction state wrong; then the connection is replaced, so the store recovers as
   * soon as the cause is gone.
   */
  private void rollbackQuietly() {
    try {
      conn.rollback();
      current = loadOpenProcedure(conn, room).orElse(null);
    } catch (SQLException e) {
      LOG.warn("store rollback failed ({}); reopening the database", e.getMessage());
      reopen();
    }
  }

  private void reopen() {
    try {
      conn.close();
    } catch (SQLException e) {
      LOG.debug("closing the failed connection: {}", e.getMessage());
    }
    try {
      conn = connect(file);
      conn.setAutoCommit(false);
      current = loadOpenProcedure(conn, room).orElse(null);
    } catch (SQLException e) {
      // Still failing (the disk is still full): the next batch tries again.
      LOG.error("reopening the store failed: {}", e.getMessage());
    }
  }

  private static String describe(SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("SQLITE_FULL")) {
      return "disk full: the store cannot grow (" + message + ")";
    }
    if (message.contains("SQLITE_IOERR") || message.contains("SQLITE_READONLY")) {
      return "store I/O error: " + message;
    }
    return message;
  }

  private static Optional<Procedure> loadOpenProcedure(Connection c, String room) throws SQLException {
    return StoreReader.openProcedure(c, room);
  }

  @Override
  public void close() {
    open = false;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(10));
      conn.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      LOG.warn("closing the store: {}", e.getMessage());
    }
  }
}
