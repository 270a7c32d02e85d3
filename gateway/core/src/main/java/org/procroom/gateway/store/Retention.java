package org.procroom.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.procroom.gateway.api.GatewayClock;

/**
 * Keeps the box's disk bounded: the box is not the archive, the charting system is. A closed
 * record goes once its bundle is queued and the broker has confirmed every message of the record;
 * an event outside any record once the broker has confirmed it.
 */
final class Retention {
  private Retention() {}

  /** What was removed: the records, the events and the files that belonged to those events. */
  record Removed(int records, int events, List<String> files) {}

  static Removed prune(Connection c, Instant closedBefore) throws SQLException {
    long cutoff = GatewayClock.toMicros(closedBefore);
    String prunable = """
        SELECT seq FROM events e WHERE
          (procedure_id IN (SELECT id FROM procedures p WHERE p.state = 'CLOSED' AND p.closed_us < ?1 AND p.bundle_owed = 0
              AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.confirmed_us IS NULL AND o.procedure_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.procedure_id = p.id AND d.state IN ('held', 'pending', 'parked')))
           OR (procedure_id IS NULL AND received_us < ?1
              AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.confirmed_us IS NULL AND o.event_seq = e.seq)))
        ORDER BY seq""";
    List<Long> seqs = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(prunable)) {
      ps.setLong(1, cutoff);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          seqs.add(rs.getLong(1));
        }
      }
    }
    List<String> files = new ArrayList<>();
    try (PreparedStatement named = c.prepareStatement("SELECT path FROM files WHERE event_seq = ? ORDER BY rowid")) {
      for (long seq : seqs) {
        named.setLong(1, seq);
        try (ResultSet rs = named.executeQuery()) {
          while (rs.next()) {
            files.add(rs.getString(1));
          }
        }
      }
    }
    try (PreparedStatement delivery = c.prepareStatement("DELETE FROM deliveries WHERE event_seq = ?");
         PreparedStatement file = c.prepareStatement("DELETE FROM files WHERE event_seq = ?");
         PreparedStatement outbox = c.prepareStatement("DELETE FROM outbox WHERE event_seq = ?");
         PreparedStatement event = c.prepareStatement("DELETE FROM events WHERE seq = ?")) {
      for (long seq : seqs) {
        delivery.setLong(1, seq);
        delivery.addBatch();
        file.setLong(1, seq);
        file.addBatch();
        outbox.setLong(1, seq);
        outbox.addBatch();
        event.setLong(1, seq);
        event.addBatch();
      }
      delivery.executeBatch();
      file.executeBatch();
      outbox.executeBatch();
      event.executeBatch();
    }
    // The slots, and the messages of the whole record (its FHIR bundle), of the records now empty.
    for (String table : List.of("delivery_slots", "deliveries")) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " " + """
           WHERE procedure_id IN (SELECT id FROM procedures WHERE state = 'CLOSED' AND closed_us < ?
            AND NOT EXISTS (SELECT 1 FROM events e WHERE e.procedure_id = procedures.id))""")) {
        ps.setLong(1, cutoff);
        ps.executeUpdate();
      }
    }
    int records;
    try (PreparedStatement ps = c.prepareStatement("""
        DELETE FROM procedures WHERE state = 'CLOSED' AND closed_us < ?
          AND NOT EXISTS (SELECT 1 FROM events e WHERE e.procedure_id = procedures.id)""")) {
      ps.setLong(1, cutoff);
      records = ps.executeUpdate();
    }
    return new Removed(records, seqs.size(), files);
  }
}
