package org.procroom.gateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The database file: how it is opened (WAL, synchronous FULL) and its schema, migrated forward in steps. */
final class Schema {
  static final int VERSION = 10;

  private Schema() {}

  static Connection connect(Path file) throws SQLException {
    Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = conn.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA busy_timeout=5000");
    }
    return conn;
  }

  static void migrate(Statement s) throws SQLException {
    int version;
    try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version > VERSION) {
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
    if (version < 7) {
      // Schema 7: what retention needs as columns, not parsed from topics and payloads: the record an
      // outbox row belongs to, and the files (below the data folder) an event brought. One transaction:
      // a stop halfway leaves schema 6 as it was.
      s.execute("BEGIN IMMEDIATE");
      s.execute("ALTER TABLE outbox ADD COLUMN procedure_id TEXT");
      s.execute("UPDATE outbox SET procedure_id = (SELECT e.procedure_id FROM events e WHERE e.seq = outbox.event_seq)"
          + " WHERE event_seq IS NOT NULL");
      s.execute("UPDATE outbox SET procedure_id = (SELECT p.id FROM procedures p WHERE outbox.topic LIKE '%/records/'"
          + " || p.id || '/fhir') WHERE event_seq IS NULL");
      s.execute("CREATE INDEX outbox_by_procedure ON outbox(procedure_id) WHERE confirmed_us IS NULL");
      s.execute("CREATE TABLE files(path TEXT NOT NULL, event_seq INTEGER NOT NULL REFERENCES events(seq))");
      s.execute("CREATE INDEX files_by_event ON files(event_seq)");
      for (String field : new String[] {"file", "thumbnail"}) {
        s.execute("INSERT INTO files(path, event_seq) SELECT json_extract(payload, '$." + field + "'), seq FROM events"
            + " WHERE json_type(payload, '$." + field + "') = 'text'");
      }
      s.execute("PRAGMA user_version=7");
      s.execute("COMMIT");
    }
    if (version < 8) {
      // Schema 8: queues of their own beside the feed (HL7 to the interface engine), each row a message
      // built in its event's transaction; and the charting slots already filled (one value per vital
      // sign per interval), so that the choice survives a restart.
      s.execute("BEGIN IMMEDIATE");
      s.execute("""
          CREATE TABLE deliveries(
            seq INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, procedure_id TEXT, event_seq INTEGER,
            message_key TEXT NOT NULL, payload BLOB NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, created_us INTEGER NOT NULL, updated_us INTEGER NOT NULL,
            UNIQUE(queue, message_key))""");
      s.execute("CREATE INDEX deliveries_pending ON deliveries(queue, seq) WHERE state = 'pending'");
      s.execute("CREATE INDEX deliveries_by_procedure ON deliveries(procedure_id)");
      s.execute("CREATE TABLE delivery_slots(queue TEXT NOT NULL, procedure_id TEXT NOT NULL, slot TEXT NOT NULL,"
          + " PRIMARY KEY(queue, procedure_id, slot))");
      s.execute("PRAGMA user_version=8");
      s.execute("COMMIT");
    }
    if (version < 9) {
      // Schema 9: when the room's devices became associated with the record's identified patient
      // (a wristband, the worklist); nothing is charted before. Open records of an older box were
      // charted as soon as they opened, and stay so, as do those closed whose bundle is still owed.
      s.execute("BEGIN IMMEDIATE");
      s.execute("ALTER TABLE procedures ADD COLUMN associated_us INTEGER");
      s.execute("UPDATE procedures SET associated_us = opened_us WHERE state = 'OPEN' OR bundle_owed = 1");
      s.execute("PRAGMA user_version=9");
      s.execute("COMMIT");
    }
    if (version < 10) {
      // Schema 10: procedures the site's RIS schedules for the room (source: the driver that fetched
      // them), with the study UID the RIS gave, which the modality must reuse.
      s.execute("BEGIN IMMEDIATE");
      s.execute("ALTER TABLE scheduled ADD COLUMN source TEXT");
      s.execute("ALTER TABLE scheduled ADD COLUMN study_uid TEXT");
      s.execute("PRAGMA user_version=10");
      s.execute("COMMIT");
    }
  }
}
