package org.procroom.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.api.PatientIdentified;

/**
 * The procedure lifecycle inside the writer's transaction: scheduled, opened (by staff, or when an
 * event identifies a scheduled patient), entries and the events the record's rules derive, closed.
 */
final class Procedures {
  private final RoomState state;
  private final EventLog log;
  private final RecordRules rules;
  private final Identification identification;

  Procedures(RoomState state, EventLog log, RecordRules rules, Identification identification) {
    this.state = state;
    this.log = log;
    this.rules = rules;
    this.identification = identification;
  }

  Scheduled schedule(Connection c, String procedureType, String patientRef, String patientName,
      String accessionNumber, Instant at) throws SQLException {
    Scheduled s = new Scheduled(EventIds.next(), procedureType, patientRef, patientName, accessionNumber, at, null,
        null);
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO scheduled(id, room, procedure_type, patient_ref, patient_name, accession_number, scheduled_us)
        VALUES (?,?,?,?,?,?,?)""")) {
      ps.setString(1, s.id());
      ps.setString(2, state.room());
      ps.setString(3, procedureType);
      ps.setString(4, patientRef);
      ps.setString(5, patientName);
      ps.setString(6, accessionNumber);
      ps.setLong(7, GatewayClock.toMicros(at));
      ps.executeUpdate();
    }
    state.reloadScheduled(c);
    return s;
  }

  /**
   * What {@code source} (a driver fetching the site's RIS) schedules for the room becomes exactly
   * {@code steps}, each known by its accession number and study UID (an order may hold several
   * requested procedures): new ones are scheduled, changed ones updated, ones no longer listed
   * removed unless started. A step whose accession staff scheduled already is left to theirs, and
   * one whose study was opened already is not scheduled again.
   * Returns how many are scheduled from the source now.
   */
  int replaceSiteSchedule(Connection c, String source, List<org.procroom.gateway.api.ScheduledStep> steps)
      throws SQLException {
    java.util.Set<String> listed = new java.util.HashSet<>();
    for (org.procroom.gateway.api.ScheduledStep step : steps) {
      if (step.accessionNumber() == null || step.accessionNumber().isBlank()
          || !listed.add(step.accessionNumber() + "|" + step.studyInstanceUid())) {
        continue;
      }
      try (PreparedStatement update = c.prepareStatement("""
          UPDATE scheduled SET procedure_type=?, patient_ref=?, patient_name=?, scheduled_us=?
          WHERE room=? AND source=? AND accession_number=? AND study_uid=? AND started=0""")) {
        update.setString(1, step.procedureType());
        update.setString(2, step.patientRef());
        update.setString(3, step.patientName());
        update.setLong(4, GatewayClock.toMicros(step.scheduledAt()));
        update.setString(5, state.room());
        update.setString(6, source);
        update.setString(7, step.accessionNumber());
        update.setString(8, step.studyInstanceUid());
        if (update.executeUpdate() > 0) {
          continue;
        }
      }
      try (PreparedStatement insert = c.prepareStatement("""
          INSERT INTO scheduled(id, room, procedure_type, patient_ref, patient_name, accession_number, scheduled_us,
                                source, study_uid)
          SELECT ?,?,?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM scheduled WHERE room=?
            AND ((source IS NULL AND accession_number=? AND started=0) OR study_uid=?))""")) {
        insert.setString(1, EventIds.next());
        insert.setString(2, state.room());
        insert.setString(3, step.procedureType());
        insert.setString(4, step.patientRef());
        insert.setString(5, step.patientName());
        insert.setString(6, step.accessionNumber());
        insert.setLong(7, GatewayClock.toMicros(step.scheduledAt()));
        insert.setString(8, source);
        insert.setString(9, step.studyInstanceUid());
        insert.setString(10, state.room());
        insert.setString(11, step.accessionNumber());
        insert.setString(12, step.studyInstanceUid());
        insert.executeUpdate();
      }
    }
    try (PreparedStatement gone = c.prepareStatement(
        "SELECT id, accession_number, study_uid FROM scheduled WHERE room=? AND source=? AND started=0")) {
      gone.setString(1, state.room());
      gone.setString(2, source);
      List<String> drop = new java.util.ArrayList<>();
      try (java.sql.ResultSet rs = gone.executeQuery()) {
        while (rs.next()) {
          if (!listed.contains(rs.getString(2) + "|" + rs.getString(3))) {
            drop.add(rs.getString(1));
          }
        }
      }
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM scheduled WHERE id=?")) {
        for (String id : drop) {
          delete.setString(1, id);
          delete.executeUpdate();
        }
      }
    }
    state.reloadScheduled(c);
    return (int) state.scheduled().stream().filter(s -> source.equals(s.source())).count();
  }

  /** Opens a scheduled procedure (staff confirm the patient); it keeps the scheduled id. */
  Procedure openScheduled(Connection c, String scheduledId, Instant at) throws SQLException {
    Scheduled s = state.scheduled().stream().filter(x -> x.id().equals(scheduledId)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no scheduled procedure " + scheduledId + " waits in " + state.room()));
    open(c, s.id(), s.procedureType(), s.patientRef(), s.patientName(), s.accessionNumber(), at, byStaff());
    // Staff confirmed the patient of the site's worklist entry.
    associate(c, "worklist", null, at);
    return state.current();
  }

  /**
   * Associates the room's devices with the open record's patient: from then on its values are
   * charted. {@code how}: wristband or worklist; {@code eventId}: what identified the patient.
   */
  private void associate(Connection c, String how, String eventId, Instant at) throws SQLException {
    Procedure p = state.current();
    if (p == null || p.associatedAt() != null) {
      return;
    }
    associatedSince(c, p.id(), at);
    state.current(p.associated(at));
    log.append(c, EventSource.GATEWAY, EventTypes.PATIENT_ASSOCIATION, null, at, EventJson.MAPPER.createObjectNode()
        .put("state", "started").put("how", how).put("eventId", eventId), true, List.of());
  }

  /** Another patient's wristband in the room: nothing is charted until this patient's is scanned again. */
  private void dissociate(Connection c, String how, String eventId, Instant at) throws SQLException {
    associatedSince(c, state.current().id(), null);
    state.current(state.current().associated(null));
    log.append(c, EventSource.GATEWAY, EventTypes.PATIENT_ASSOCIATION, null, at, EventJson.MAPPER.createObjectNode()
        .put("state", "ended").put("how", how).put("eventId", eventId), true, List.of());
  }

  private static void associatedSince(Connection c, String procedureId, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE procedures SET associated_us=? WHERE id=?")) {
      if (at == null) {
        ps.setNull(1, java.sql.Types.INTEGER);
      } else {
        ps.setLong(1, GatewayClock.toMicros(at));
      }
      ps.setString(2, procedureId);
      ps.executeUpdate();
    }
  }

  /** The record's patient identified: her first wristband match, or her wristband again after another's. */
  private static boolean identifies(DeviceEvent event, Procedure p) {
    return event.type().equals(PatientIdentified.EVENT_TYPE)
        || (p.patientVerified() && wristband(event) && !anotherPatient(event));
  }

  private static boolean wristband(DeviceEvent event) {
    return event.type().equals(EventTypes.BARCODE_SCAN)
        && event.payload().path("classification").asText().equals("wristband");
  }

  private static boolean anotherPatient(DeviceEvent event) {
    if (!wristband(event)) {
      return false;
    }
    for (JsonNode f : event.payload().path("findings")) {
      if (f.path("code").asText().equals("WRONG_PATIENT")) {
        return true;
      }
    }
    return false;
  }

  static ObjectNode byStaff() {
    return EventJson.MAPPER.createObjectNode().put("how", "staff");
  }

  /** Opens a procedure and records {@code procedure.opened} as its first event. */
  Procedure open(Connection c, String id, String procedureType, String patientRef, String patientName,
      String accessionNumber, Instant at, JsonNode cause) throws SQLException {
    Procedure current = state.current();
    if (current != null) {
      throw new IllegalStateException("procedure " + current.id() + " is already open in " + state.room()
          + "; close it first");
    }
    Procedure p = new Procedure(id, state.room(), procedureType, patientRef, Procedure.State.OPEN, at, null, 0,
        false, patientName, accessionNumber, "assessment");
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO procedures(id, room, procedure_type, patient_ref, state, opened_us, patient_name, accession_number,
                               phase)
        VALUES (?,?,?,?,?,?,?,?,'assessment')""")) {
      ps.setString(1, p.id());
      ps.setString(2, state.room());
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
    state.reloadScheduled(c);
    state.current(p);
    ObjectNode payload = EventJson.MAPPER.createObjectNode()
        .put("procedureType", procedureType).put("patientRef", patientRef).put("accessionNumber", accessionNumber);
    payload.set("openedBy", cause);
    log.append(c, EventSource.GATEWAY, EventTypes.PROCEDURE_OPENED, null, at, payload, true, List.of());
    return state.current();
  }

  /** Records {@code procedure.closed} as the record's last event and closes it; its FHIR bundle is owed from here. */
  Procedure close(Connection c, String procedureId, Instant at) throws SQLException {
    Procedure current = state.current();
    if (current == null || !current.id().equals(procedureId)) {
      throw new IllegalStateException("procedure " + procedureId + " is not the open procedure of " + state.room());
    }
    if (current.associatedAt() != null) {
      log.append(c, EventSource.GATEWAY, EventTypes.PATIENT_ASSOCIATION, null, at, EventJson.MAPPER.createObjectNode()
          .put("state", "ended").put("how", "closed"), true, List.of());
    }
    // Values held for a nurse's release are never filed unreleased: given up, and the record says so.
    int unreleased = Deliveries.withhold(c, procedureId, null, "not released before the record was closed", at);
    if (unreleased > 0) {
      record(c, EventSource.GATEWAY, EventTypes.CHARTING_UNRELEASED, null, at, EventJson.MAPPER.createObjectNode()
          .put("severity", "warning").put("messages", unreleased).put("message", unreleased
              + " charted message(s) were not released by a nurse before the record was closed: not filed"), List.of());
    }
    record(c, EventSource.GATEWAY, EventTypes.PROCEDURE_CLOSED, null, at, EventJson.MAPPER.createObjectNode(), List.of());
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE procedures SET state='CLOSED', closed_us=?, bundle_owed=1 WHERE id=?")) {
      ps.setLong(1, GatewayClock.toMicros(at));
      ps.setString(2, procedureId);
      ps.executeUpdate();
    }
    Procedure closed = state.current().closed(at);
    state.current(null);
    return closed;
  }

  /** An entry of the open procedure's record; an amendment's {@code corrects} must name an event of it. */
  DeviceEvent appendToRecord(Connection c, String procedureId, EventSource source, String type, JsonNode payload,
      Instant at) throws SQLException {
    Procedure current = state.current();
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
    return record(c, source, type, null, at, payload, List.of());
  }

  /**
   * Appends an event to the log and the open record; with none open, the event may identify a
   * scheduled patient and open that procedure. Then the record's rules derive phase changes and warnings.
   */
  DeviceEvent record(Connection c, EventSource source, String type, Instant deviceTime, Instant receivedAt,
      JsonNode payload, List<String> files) throws SQLException {
    DeviceEvent event = log.append(c, source, type, deviceTime, receivedAt, payload, true, files);
    if (state.current() == null) {
      openOnIdentification(c, event);
    }
    Procedure p = state.current();
    if (p != null) {
      for (RecordRules.Derived d : rules.derive(p, event, (procedureId, t, field, value) -> has(c, procedureId, t, field, value))) {
        log.append(c, EventSource.GATEWAY, d.type(), null, receivedAt, d.payload(), true, List.of());
        if (d.phase() != null) {
          try (PreparedStatement ps = c.prepareStatement("UPDATE procedures SET phase=? WHERE id=?")) {
            ps.setString(1, d.phase());
            ps.setString(2, state.current().id());
            ps.executeUpdate();
          }
          state.current(state.current().inPhase(d.phase()));
        }
      }
      Procedure now = state.current();
      if (now.associatedAt() == null && identifies(event, now)) {
        associate(c, "wristband", event.eventId(), receivedAt);
      } else if (now.associatedAt() != null && anotherPatient(event)) {
        dissociate(c, "another-patient", event.eventId(), receivedAt);
      }
    }
    return event;
  }

  /** Kept and published, but not the open procedure's patient data (a monitor in demo mode). */
  DeviceEvent outsideRecord(Connection c, EventSource source, String type, Instant deviceTime, Instant receivedAt,
      JsonNode payload, List<String> files) throws SQLException {
    return log.append(c, source, type, deviceTime, receivedAt, payload, false, files);
  }

  private void openOnIdentification(Connection c, DeviceEvent event) throws SQLException {
    Optional<Identification.Match> found = identification.match(event, state.scheduled());
    if (found.isEmpty()) {
      return;
    }
    Identification.Match match = found.get();
    Scheduled s = match.procedure();
    ObjectNode cause = EventJson.MAPPER.createObjectNode().put("how", match.how()).put("eventId", event.eventId())
        .put("deviceId", event.deviceId());
    open(c, s.id(), s.procedureType(), s.patientRef(), s.patientName(), s.accessionNumber(), event.receivedAt(), cause);
    if (match.confirmedBy() != null) {
      log.append(c, EventSource.GATEWAY, PatientIdentified.EVENT_TYPE, null, event.receivedAt(),
          EventJson.MAPPER.valueToTree(new PatientIdentified(s.patientRef(), match.confirmedBy())), true, List.of());
    }
    associate(c, match.how(), event.eventId(), event.receivedAt());
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
}
