package org.procroom.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.GatewayClock;

/** Queries shared by the running store and by commands that read a store while no gateway runs. */
public final class StoreReader {
  private static final String PROCEDURE_COLUMNS =
      "id, room, procedure_type, patient_ref, state, opened_us, closed_us, last_record_seq, patient_verified_us, patient_name, accession_number, phase, associated_us";
  private static final String SELECT_EVENTS = """
      SELECT event_id, seq, room, procedure_id, record_seq, device_id, device_kind, type,
             device_time_us, received_us, payload FROM events""";

  private StoreReader() {}

  public static Optional<Procedure> openProcedure(Connection c, String room) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + PROCEDURE_COLUMNS + " FROM procedures WHERE room=? AND state='OPEN'")) {
      ps.setString(1, room);
      return oneProcedure(ps);
    }
  }

  public static Optional<Procedure> procedure(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + PROCEDURE_COLUMNS + " FROM procedures WHERE id=?")) {
      ps.setString(1, id);
      return oneProcedure(ps);
    }
  }

  public static List<Scheduled> scheduled(Connection c, String room) throws SQLException {
    List<Scheduled> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT id, procedure_type, patient_ref, patient_name, accession_number, scheduled_us, source, study_uid
        FROM scheduled WHERE room=? AND started=0 ORDER BY scheduled_us""")) {
      ps.setString(1, room);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Scheduled(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              GatewayClock.toInstant(rs.getLong(6)), rs.getString(7), rs.getString(8)));
        }
      }
    }
    return out;
  }

  /** The study UIDs the site's RIS gave, by procedure (or scheduled procedure) id. */
  static java.util.Map<String, String> siteStudyUids(Connection c, String room) throws SQLException {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, study_uid FROM scheduled WHERE room=? AND study_uid IS NOT NULL")) {
      ps.setString(1, room);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  public static Optional<Procedure> latestProcedure(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + PROCEDURE_COLUMNS + " FROM procedures ORDER BY opened_us DESC LIMIT 1")) {
      return oneProcedure(ps);
    }
  }

  public static List<DeviceEvent> events(Connection c, String procedureId) throws SQLException {
    String sql = SELECT_EVENTS + (procedureId == null ? " ORDER BY seq" : " WHERE procedure_id=? ORDER BY record_seq");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (procedureId != null) {
        ps.setString(1, procedureId);
      }
      return events(ps);
    }
  }

  /** A record's entries of one type in record order (e.g. the artefact marks of a review). */
  public static List<DeviceEvent> recordEntries(Connection c, String procedureId, String type) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT_EVENTS + " WHERE procedure_id=? AND type=? ORDER BY record_seq")) {
      ps.setString(1, procedureId);
      ps.setString(2, type);
      return events(ps);
    }
  }

  /** The {@code limit} latest events in log order: constant work however long the log is. */
  public static List<DeviceEvent> latestEvents(Connection c, int limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM (" + SELECT_EVENTS + " ORDER BY seq DESC LIMIT ?) ORDER BY seq")) {
      ps.setInt(1, limit);
      return events(ps);
    }
  }

  private static List<DeviceEvent> events(PreparedStatement ps) throws SQLException {
    List<DeviceEvent> events = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long recordSeq = rs.getLong(5);
        Long recordSeqOrNull = rs.wasNull() ? null : recordSeq;
        long deviceUs = rs.getLong(9);
        Instant deviceTime = rs.wasNull() ? null : GatewayClock.toInstant(deviceUs);
        events.add(new DeviceEvent(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
            recordSeqOrNull, rs.getString(6), rs.getString(7), rs.getString(8), deviceTime,
            GatewayClock.toInstant(rs.getLong(10)), EventJson.parse(rs.getString(11))));
      }
    }
    return events;
  }

  /** Closed procedures whose FHIR bundle is still owed, oldest first. */
  public static List<Procedure> owedBundles(Connection c) throws SQLException {
    List<Procedure> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + PROCEDURE_COLUMNS + " FROM procedures WHERE state='CLOSED' AND bundle_owed=1 ORDER BY closed_us");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(procedureAt(rs));
      }
    }
    return out;
  }

  private static Optional<Procedure> oneProcedure(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(procedureAt(rs)) : Optional.empty();
    }
  }

  private static Procedure procedureAt(ResultSet rs) throws SQLException {
    long closedUs = rs.getLong(7);
    Instant closedAt = rs.wasNull() ? null : GatewayClock.toInstant(closedUs);
    return new Procedure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        Procedure.State.valueOf(rs.getString(5)), GatewayClock.toInstant(rs.getLong(6)), closedAt, rs.getLong(8),
        rs.getObject(9) != null, rs.getString(10), rs.getString(11), rs.getString(12),
        rs.getObject(13) == null ? null : GatewayClock.toInstant(rs.getLong(13)));
  }
}
