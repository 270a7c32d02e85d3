package org.procroom.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.procroom.gateway.api.GatewayClock;

/**
 * The messages waiting for the broker, inside the writer's transaction: a closed record's bundle
 * queued behind its events, delivery confirmations, and confirmed rows pruned. Event messages are
 * queued by {@link EventLog} in the event's own transaction.
 */
final class Outbox {
  private final StoreWriter writer;

  Outbox(StoreWriter writer) {
    this.writer = writer;
  }

  /** Queues a closed record's FHIR bundle and clears the record's debt in the same transaction. */
  void enqueueBundle(Connection c, String procedureId, String topic, byte[] payload, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO outbox(event_seq, procedure_id, topic, payload, retained, created_us) VALUES (NULL,?,?,?,0,?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, procedureId);
      ps.setString(2, topic);
      ps.setBytes(3, payload);
      ps.setLong(4, GatewayClock.toMicros(at));
      ps.executeUpdate();
      writer.queued(new OutboxMessage(EventLog.generatedKey(ps), topic, payload, false, GatewayClock.toMicros(at)));
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE procedures SET bundle_owed=0 WHERE id=?")) {
      ps.setString(1, procedureId);
      ps.executeUpdate();
    }
  }

  static void markConfirmed(Connection c, List<Long> outboxSeqs, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET confirmed_us=? WHERE seq=?")) {
      for (long seq : outboxSeqs) {
        ps.setLong(1, GatewayClock.toMicros(at));
        ps.setLong(2, seq);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deletes rows confirmed before the cutoff; the events themselves stay. */
  static int pruneConfirmed(Connection c, Instant before) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE confirmed_us < ?")) {
      ps.setLong(1, GatewayClock.toMicros(before));
      return ps.executeUpdate();
    }
  }

  static List<OutboxMessage> pending(Connection c, long afterSeq, int limit) throws SQLException {
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
  }

  static long depth(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox WHERE confirmed_us IS NULL")) {
      return rs.next() ? rs.getLong(1) : 0L;
    }
  }
}
