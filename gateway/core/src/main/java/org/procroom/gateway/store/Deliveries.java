package org.procroom.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.procroom.gateway.api.GatewayClock;

/** The delivery queues beside the feed, inside the writer's transaction: queued, attempted, settled. */
final class Deliveries {
  private static final String COLUMNS =
      "seq, queue, procedure_id, message_key, payload, state, attempts, last_error, created_us, updated_us";

  private Deliveries() {}

  /** {@code eventSeq}: the event the message stands for, or null for one of the whole record. */
  static void queue(Connection c, DeliveryRouter.Delivery d, String procedureId, Long eventSeq, Instant at)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO deliveries(queue, procedure_id, event_seq, message_key, payload, created_us, updated_us, state)
        VALUES (?,?,?,?,?,?,?,?)""")) {
      ps.setString(1, d.queue());
      ps.setString(2, procedureId);
      if (eventSeq == null) {
        ps.setNull(3, java.sql.Types.INTEGER);
      } else {
        ps.setLong(3, eventSeq);
      }
      ps.setString(4, d.key());
      ps.setBytes(5, d.payload());
      ps.setLong(6, GatewayClock.toMicros(at));
      ps.setLong(7, GatewayClock.toMicros(at));
      ps.setString(8, d.held() ? QueuedDelivery.HELD : QueuedDelivery.PENDING);
      ps.executeUpdate();
    }
  }

  static boolean claim(Connection c, String queue, String procedureId, String slot) {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT OR IGNORE INTO delivery_slots(queue, procedure_id, slot) VALUES (?,?,?)")) {
      ps.setString(1, queue);
      ps.setString(2, procedureId);
      ps.setString(3, slot);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("charting slot query failed: " + e.getMessage(), e);
    }
  }

  /** The oldest pending message of a queue: one at a time, so the order within a procedure holds. */
  static Optional<QueuedDelivery> next(Connection c, String queue) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
        + " FROM deliveries WHERE queue=? AND state='pending' ORDER BY seq LIMIT 1")) {
      ps.setString(1, queue);
      List<QueuedDelivery> rows = rows(ps);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
  }

  static List<QueuedDelivery> inState(Connection c, String queue, String state) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
        + " FROM deliveries WHERE queue=? AND state=? ORDER BY seq")) {
      ps.setString(1, queue);
      ps.setString(2, state);
      return rows(ps);
    }
  }

  static Map<String, Long> counts(Connection c, String queue) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String state : List.of(QueuedDelivery.HELD, QueuedDelivery.PENDING, QueuedDelivery.DELIVERED,
        QueuedDelivery.PARKED, QueuedDelivery.DROPPED)) {
      counts.put(state, 0L);
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT state, count(*) FROM deliveries WHERE queue=? GROUP BY state")) {
      ps.setString(1, queue);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return counts;
  }

  /**
   * Moves a message to {@code state} from one of {@code from}; {@code attempted} counts a send.
   * Fails when the message is not in one of those states (an operator's resend of a delivered one).
   */
  static QueuedDelivery settle(Connection c, long seq, String state, String error, boolean attempted, Instant at,
      String... from) throws SQLException {
    QueuedDelivery row = one(c, seq).orElseThrow(() -> new IllegalStateException("no queued message " + seq));
    if (!List.of(from).contains(row.state())) {
      throw new IllegalStateException("message " + seq + " is " + row.state() + ", not " + String.join(" or ", from));
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE deliveries SET state=?, last_error=?, attempts=attempts+?, updated_us=? WHERE seq=?")) {
      ps.setString(1, state);
      ps.setString(2, error);
      ps.setInt(3, attempted ? 1 : 0);
      ps.setLong(4, GatewayClock.toMicros(at));
      ps.setLong(5, seq);
      ps.executeUpdate();
    }
    return one(c, seq).orElseThrow();
  }

  /** A procedure's messages of one queue, every state, in queue order (the nurse's flowsheet). */
  static Map<String, String> statesOf(Connection c, List<String> queues, String key) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT state FROM deliveries WHERE queue=? AND message_key=?")) {
      for (String queue : queues) {
        ps.setString(1, queue);
        ps.setString(2, key);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            out.put(queue, rs.getString(1));
          }
        }
      }
    }
    return out;
  }

  static List<QueuedDelivery> ofProcedure(Connection c, String queue, String procedureId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
        + " FROM deliveries WHERE queue=? AND procedure_id=? ORDER BY seq")) {
      ps.setString(1, queue);
      ps.setString(2, procedureId);
      return rows(ps);
    }
  }

  /** A held message released: it goes as {@code payload} (the same, or rebuilt without artefacts). */
  static void release(Connection c, long seq, String procedureId, byte[] payload, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state='pending', payload=?, updated_us=?"
        + " WHERE seq=? AND procedure_id=? AND state='held'")) {
      ps.setBytes(1, payload);
      ps.setLong(2, GatewayClock.toMicros(at));
      ps.setLong(3, seq);
      ps.setString(4, procedureId);
      if (ps.executeUpdate() != 1) {
        throw new IllegalStateException("message " + seq + " is not held for procedure " + procedureId);
      }
    }
  }

  /** Held messages of a procedure given up ({@code seq} null: all of them); how many. */
  static int withhold(Connection c, String procedureId, Long seq, String reason, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state='dropped', last_error=?, updated_us=?"
        + " WHERE procedure_id=? AND state='held'" + (seq == null ? "" : " AND seq=?"))) {
      ps.setString(1, reason);
      ps.setLong(2, GatewayClock.toMicros(at));
      ps.setString(3, procedureId);
      if (seq != null) {
        ps.setLong(4, seq);
      }
      return ps.executeUpdate();
    }
  }

  static Optional<QueuedDelivery> one(Connection c, long seq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM deliveries WHERE seq=?")) {
      ps.setLong(1, seq);
      List<QueuedDelivery> rows = rows(ps);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
  }

  private static List<QueuedDelivery> rows(PreparedStatement ps) throws SQLException {
    List<QueuedDelivery> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new QueuedDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
            rs.getString(6), rs.getInt(7), rs.getString(8), GatewayClock.toInstant(rs.getLong(9)),
            GatewayClock.toInstant(rs.getLong(10))));
      }
    }
    return out;
  }
}
