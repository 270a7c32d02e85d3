package org.procroom.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.api.PatientIdentified;

/**
 * Appends one event inside the writer's transaction: its row and its place in the open record, the
 * files it brought, and the messages it becomes (outbox rows, each linked to the event and its record).
 */
final class EventLog {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventLog.class);

  private final RoomState state;
  private final List<DeliveryRouter> deliveryRouters = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final OutboxRouter router;
  private final StoreWriter writer;

  EventLog(RoomState state, OutboxRouter router, StoreWriter writer) {
    this.state = state;
    this.router = router;
    this.writer = writer;
  }

  void addDeliveryRouter(DeliveryRouter router) {
    deliveryRouters.add(router);
  }

  /** {@code inRecord} false: kept and published, but not part of the open procedure's record. */
  DeviceEvent append(Connection c, EventSource source, String type, Instant deviceTime, Instant receivedAt,
      JsonNode payload, boolean inRecord, List<String> files) throws SQLException {
    String eventId = EventIds.next();
    Procedure p = inRecord ? state.current() : null;
    Long recordSeq = null;
    if (p != null) {
      recordSeq = p.lastRecordSeq() + 1;
      try (PreparedStatement ps = c.prepareStatement("UPDATE procedures SET last_record_seq=? WHERE id=?")) {
        ps.setLong(1, recordSeq);
        ps.setString(2, p.id());
        ps.executeUpdate();
      }
      state.current(p.withLastRecordSeq(recordSeq));
      if (type.equals(PatientIdentified.EVENT_TYPE) && !p.patientVerified()) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE procedures SET patient_verified_us=? WHERE id=?")) {
          ps.setLong(1, GatewayClock.toMicros(receivedAt));
          ps.setString(2, p.id());
          ps.executeUpdate();
        }
        state.current(state.current().verified());
      }
    }
    String procedureId = p == null ? null : p.id();
    long seq;
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO events(event_id, room, procedure_id, record_seq, device_id, device_kind, type,
                           device_time_us, received_us, payload) VALUES (?,?,?,?,?,?,?,?,?,?)""",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, eventId);
      ps.setString(2, state.room());
      ps.setString(3, procedureId);
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
      seq = generatedKey(ps);
    }
    if (!files.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO files(path, event_seq) VALUES (?,?)")) {
        for (String file : files) {
          ps.setString(1, file);
          ps.setLong(2, seq);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    DeviceEvent event = new DeviceEvent(eventId, seq, state.room(), procedureId, recordSeq,
        source.deviceId(), source.deviceKind(), type, deviceTime, receivedAt, payload);
    writer.inserted(event);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO outbox(event_seq, procedure_id, topic, payload, retained, created_us) VALUES (?,?,?,?,?,?)",
        Statement.RETURN_GENERATED_KEYS)) {
      for (OutboxRouter.Route route : router.routes(event)) {
        ps.setLong(1, seq);
        ps.setString(2, procedureId);
        ps.setString(3, route.topic());
        ps.setBytes(4, route.payload());
        ps.setInt(5, route.retained() ? 1 : 0);
        ps.setLong(6, GatewayClock.toMicros(receivedAt));
        ps.executeUpdate();
        writer.queued(new OutboxMessage(generatedKey(ps), route.topic(), route.payload(), route.retained(),
            GatewayClock.toMicros(receivedAt)));
      }
    }
    Procedure record = inRecord ? state.current() : null;
    if (record != null) {
      for (DeliveryRouter router : deliveryRouters) {
        // Each router under its own savepoint: a fault in building a message costs the record neither
        // the event nor a charting slot claimed on the way; it is said loudly.
        java.sql.Savepoint savepoint = c.setSavepoint();
        try {
          for (DeliveryRouter.Delivery d : router.deliveries(event, record, new DeliveryRouter.Slots() {
            @Override
            public boolean claim(String queue, String procedure, String slot) {
              return Deliveries.claim(c, queue, procedure, slot);
            }

            @Override
            public List<DeviceEvent> entries(String procedure, String entryType) {
              try {
                return StoreReader.recordEntries(c, procedure, entryType);
              } catch (SQLException e) {
                throw new IllegalStateException("record query failed: " + e.getMessage(), e);
              }
            }
          })) {
            Deliveries.queue(c, d, record.id(), seq, receivedAt);
          }
          c.releaseSavepoint(savepoint);
        } catch (RuntimeException e) {
          c.rollback(savepoint);
          LOG.error("event {} ({}) could not be turned into a queued message: {}", event.eventId(), type, e.toString());
        }
      }
    }
    return event;
  }

  static long generatedKey(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }
}
