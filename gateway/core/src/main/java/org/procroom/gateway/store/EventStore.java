package org.procroom.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.EventTypes;

/**
 * The procedure record, the event log and the outbox in one SQLite database (WAL, synchronous
 * FULL: a commit survives power loss). Every operation runs on the one writer thread
 * ({@link StoreWriter}, group commit); its future completes after the commit, which is when a
 * driver may acknowledge its device. The jobs are apart: {@link Schema}, {@link EventLog},
 * {@link Procedures}, {@link Outbox}, {@link Retention}.
 */
public final class EventStore implements AutoCloseable {
  private final StoreWriter writer;
  private final RoomState state;
  private final Procedures procedures;
  private final Outbox outbox;
  private final EventLog log;

  /** What {@link #pruneRecords} removed: the records, the events and the files that belonged to those events. */
  public record PrunedRecords(int records, int events, List<String> files) {}

  private EventStore(Path file, Connection conn, String room, OutboxRouter router, RecordRules rules,
      Identification identification, int batchMax) throws SQLException {
    this.state = new RoomState(room, conn);
    this.writer = new StoreWriter(file, conn, batchMax, state::reload);
    this.log = new EventLog(state, router, writer);
    this.procedures = new Procedures(state, log, rules, identification);
    this.outbox = new Outbox(writer);
  }

  /** Opens (creating if needed) the database file and resumes the room's open procedure, if any. */
  public static EventStore open(Path file, String room, OutboxRouter router, int batchMax) {
    return open(file, room, router, RecordRules.NONE, Identification.NONE, batchMax);
  }

  /** With the rules that derive phase changes and warnings. */
  public static EventStore open(Path file, String room, OutboxRouter router, RecordRules rules, int batchMax) {
    return open(file, room, router, rules, Identification.NONE, batchMax);
  }

  /** With the record's rules, and the identification that opens a scheduled procedure. */
  public static EventStore open(Path file, String room, OutboxRouter router, RecordRules rules,
      Identification identification, int batchMax) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection conn = Schema.connect(file);
      try (Statement s = conn.createStatement()) {
        Schema.migrate(s);
      }
      conn.setAutoCommit(false);
      return new EventStore(file, conn, room, router, rules, identification, batchMax);
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("cannot open the store at " + file + ": " + e.getMessage(), e);
    }
  }

  /** Receives each committed batch's events in commit order, on the writer thread: hand them off, keep it short. */
  public void onEvents(Consumer<List<DeviceEvent>> listener) {
    writer.onEvents(listener);
  }

  /**
   * Receives each committed batch's outbox rows in seq order, on the writer thread, after the
   * results of that batch's operations: the publisher's fast path, so it need not read them back.
   */
  public void onOutbox(Consumer<List<OutboxMessage>> listener) {
    writer.onOutbox(listener);
  }

  /**
   * Told when the store starts failing (the reason, e.g. a full disk) and when it works again (null),
   * on the writer thread: the store cannot record its own failure, so others must announce it.
   */
  public void onHealth(Consumer<String> listener) {
    writer.onHealth(listener);
  }

  /** Runs after every successful commit, on the writer thread: keep it short. */
  public void onCommit(Runnable listener) {
    writer.onCommit(listener);
  }

  public Optional<Procedure> currentProcedure() {
    return Optional.ofNullable(state.current());
  }

  /** Scheduled procedures of the room not started yet, earliest first. */
  public List<Scheduled> scheduled() {
    return state.scheduled();
  }

  /** Events committed since this store was opened. */
  public long eventsCommitted() {
    return writer.eventsCommitted();
  }

  /** Null while the last commit succeeded; otherwise why it failed. */
  public String lastError() {
    return writer.lastError();
  }

  // ---- the record ---------------------------------------------------------------------------

  public CompletableFuture<DeviceEvent> append(EventSource source, EventDraft draft) {
    JsonNode payload = EventJson.payloadTree(draft.payload());
    if (draft.outsideRecord()) {
      return writer.submit(c -> procedures.outsideRecord(c, source, draft.type(), draft.deviceTime(),
          draft.receivedAt(), payload, draft.files()));
    }
    return writer.submit(c -> procedures.record(c, source, draft.type(), draft.deviceTime(), draft.receivedAt(),
        payload, draft.files()));
  }

  /** Schedules a procedure; it appears on the worklist and opens when its patient is identified. */
  public CompletableFuture<Scheduled> schedule(String procedureType, String patientRef, String patientName,
      String accessionNumber, Instant at) {
    return writer.submit(c -> procedures.schedule(c, procedureType, patientRef, patientName, accessionNumber, at));
  }

  /** What {@code source} fetched from the site's RIS becomes its part of the room's schedule. */
  public CompletableFuture<Integer> replaceSiteSchedule(String source, List<org.procroom.gateway.api.ScheduledStep> steps) {
    return writer.submit(c -> procedures.replaceSiteSchedule(c, source, steps));
  }

  /** The study UID the site's RIS gave the procedure (scheduled or opened) with this id, or null. */
  public String siteStudyUid(String id) {
    return state.siteStudyUid(id);
  }

  /** Opens a scheduled procedure (staff confirm the patient); it keeps the scheduled id. */
  public CompletableFuture<Procedure> openScheduled(String scheduledId, Instant at) {
    return writer.submit(c -> procedures.openScheduled(c, scheduledId, at));
  }

  /** Opens a procedure and records {@code procedure.opened} as its first event. */
  public CompletableFuture<Procedure> openProcedure(String procedureType, String patientRef, Instant at) {
    return openProcedure(procedureType, patientRef, null, null, at);
  }

  /** Opens a procedure with the patient's name and the order's accession number, for the worklist. */
  public CompletableFuture<Procedure> openProcedure(String procedureType, String patientRef, String patientName,
      String accessionNumber, Instant at) {
    return writer.submit(c -> procedures.open(c, EventIds.next(), procedureType, patientRef, patientName,
        accessionNumber, at, Procedures.byStaff()));
  }

  /**
   * Records {@code procedure.closed} as the procedure's last event and closes it; its FHIR bundle is
   * owed from this commit until {@link #enqueueBundle} pays it.
   */
  public CompletableFuture<Procedure> closeProcedure(String procedureId, Instant at) {
    return writer.submit(c -> procedures.close(c, procedureId, at));
  }

  /**
   * Appends an entry to a procedure's record (staff entries, amendments). The procedure must be the
   * open one; an amendment's {@code corrects} must name an event of that record.
   */
  public CompletableFuture<DeviceEvent> appendToRecord(String procedureId, EventSource source, String type,
      JsonNode payload, Instant at) {
    return writer.submit(c -> procedures.appendToRecord(c, procedureId, source, type, payload, at));
  }

  // ---- the outbox and retention -------------------------------------------------------------

  /**
   * Queues a closed record's FHIR bundle for the broker, in outbox order, and for each delivery queue
   * named (the FHIR server), and clears the record's debt, all in one commit.
   */
  public CompletableFuture<Void> enqueueBundle(String procedureId, String topic, byte[] payload, Instant at,
      List<String> deliveryQueues) {
    return enqueueBundle(procedureId, topic, payload, at, deliveryQueues, List.of());
  }

  /** As above, with {@code alongside}: the record's other deliveries (its report as an HL7 document), in the same commit. */
  public CompletableFuture<Void> enqueueBundle(String procedureId, String topic, byte[] payload, Instant at,
      List<String> deliveryQueues, List<DeliveryRouter.Delivery> alongside) {
    return writer.submit(c -> {
      outbox.enqueueBundle(c, procedureId, topic, payload, at);
      for (String queue : deliveryQueues) {
        Deliveries.queue(c, new DeliveryRouter.Delivery(queue, "bundle/" + procedureId, payload), procedureId, null, at);
      }
      for (DeliveryRouter.Delivery d : alongside) {
        Deliveries.queue(c, d, procedureId, null, at);
      }
      return null;
    });
  }

  /** Closed records whose FHIR bundle is not in the outbox yet (the gateway stopped between close and bundle). */
  public CompletableFuture<List<Procedure>> owedBundles() {
    return writer.submit(StoreReader::owedBundles);
  }

  /** Marks outbox rows delivered; the commit may wait briefly for other work (a lost mark is only a re-send). */
  public CompletableFuture<Void> markConfirmed(List<Long> outboxSeqs, Instant at) {
    return writer.submit(c -> {
      Outbox.markConfirmed(c, outboxSeqs, at);
      return null;
    }, true);
  }

  /** Deletes confirmed outbox rows confirmed before the cutoff; the events themselves stay. */
  public CompletableFuture<Integer> pruneConfirmed(Instant before) {
    return writer.submit(c -> Outbox.pruneConfirmed(c, before));
  }

  /**
   * Deletes closed records older than {@code closedBefore} (and events outside any record older than
   * it) once the broker has confirmed every message they produced. Returns the files (below the
   * data folder) that belonged to the deleted events.
   */
  public CompletableFuture<PrunedRecords> pruneRecords(Instant closedBefore) {
    return writer.submit(c -> {
      Retention.Removed removed = Retention.prune(c, closedBefore);
      return new PrunedRecords(removed.records(), removed.events(), removed.files());
    });
  }

  /** Unconfirmed outbox messages after {@code afterSeq}, oldest first. */
  public CompletableFuture<List<OutboxMessage>> pendingOutbox(long afterSeq, int limit) {
    return writer.submit(c -> Outbox.pending(c, afterSeq, limit));
  }

  public CompletableFuture<Long> outboxDepth() {
    return writer.submit(Outbox::depth);
  }

  // ---- delivery queues beside the feed --------------------------------------------------------

  /** Adds a consumer's router; call before devices send (it sees only events committed after). */
  public void routeDeliveries(DeliveryRouter router) {
    log.addDeliveryRouter(router);
  }

  /** The oldest pending message of a queue. */
  public CompletableFuture<Optional<QueuedDelivery>> nextDelivery(String queue) {
    return writer.submit(c -> Deliveries.next(c, queue));
  }

  /** The receiver acknowledged the message. */
  public CompletableFuture<QueuedDelivery> delivered(long seq, Instant at) {
    return writer.submit(c -> Deliveries.settle(c, seq, QueuedDelivery.DELIVERED, null, true, at, QueuedDelivery.PENDING));
  }

  /** A send without an acknowledgement: counted, the message stays pending (sent again, as it is). */
  public CompletableFuture<QueuedDelivery> unacknowledged(long seq, String reason, Instant at) {
    return writer.submit(c -> Deliveries.settle(c, seq, QueuedDelivery.PENDING, reason, true, at, QueuedDelivery.PENDING));
  }

  /** The receiver refused the message: it waits for an operator, never sent again by itself. */
  public CompletableFuture<QueuedDelivery> parked(long seq, String reason, Instant at) {
    return writer.submit(c -> Deliveries.settle(c, seq, QueuedDelivery.PARKED, reason, true, at, QueuedDelivery.PENDING));
  }

  /** An operator sends a parked message again, unchanged. */
  public CompletableFuture<QueuedDelivery> resend(long seq, Instant at) {
    return writer.submit(c -> Deliveries.settle(c, seq, QueuedDelivery.PENDING, null, false, at, QueuedDelivery.PARKED));
  }

  /** An operator gives a parked message up; the reason is kept with it. */
  public CompletableFuture<QueuedDelivery> drop(long seq, String reason, Instant at) {
    return writer.submit(c -> Deliveries.settle(c, seq, QueuedDelivery.DROPPED, reason, false, at, QueuedDelivery.PARKED));
  }

  /** A procedure's messages of one queue, every state, in queue order. */
  /** The state of the message with {@code key} in each of {@code queues} that holds one, by queue. */
  public CompletableFuture<Map<String, String>> deliveryStates(List<String> queues, String key) {
    return writer.submit(c -> Deliveries.statesOf(c, queues, key));
  }

  public CompletableFuture<List<QueuedDelivery>> deliveriesOf(String queue, String procedureId) {
    return writer.submit(c -> Deliveries.ofProcedure(c, queue, procedureId));
  }

  /** A held message of a record and the artefact marks standing on its values, by value code. */
  public record HeldMessage(QueuedDelivery message, Map<String, JsonNode> artefacts) {}

  /** What a release does: the messages that go (each as given), those withheld with why, the record's entry. */
  public record Release(Map<Long, byte[]> released, Map<Long, String> withheld, JsonNode entry) {}

  /**
   * Enters a mark on a held message in the record (which must be open), in one commit with the
   * check that the message is still held: a message released meanwhile is not marked.
   * {@code applies} says whether the mark fits the message (the value is in it), else {@code why}.
   */
  public CompletableFuture<DeviceEvent> markHeld(String procedureId, String queue, String key,
      java.util.function.Predicate<QueuedDelivery> applies, String why, EventSource source, String type, JsonNode entry,
      Instant at) {
    return writer.submit(c -> {
      QueuedDelivery message = Deliveries.ofProcedure(c, queue, procedureId).stream().filter(d -> d.key().equals(key))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("eventId: no charted message " + key
              + " in this procedure"));
      if (!message.state().equals(QueuedDelivery.HELD)) {
        throw new IllegalStateException("message " + key + " is " + message.state()
            + ": only values not yet released can be marked");
      }
      if (!applies.test(message)) {
        throw new IllegalArgumentException(why);
      }
      return procedures.appendToRecord(c, procedureId, source, type, entry, at);
    });
  }

  /**
   * A nurse's release of the held messages she saw ({@code keys}), in one commit: {@code plan} is
   * given them with the artefact marks ({@code markType} entries of the record) standing then, and
   * says what goes, what is withheld and what the record's {@code releasedType} entry says. Held
   * messages she did not see stay held. Fails, changing nothing, when none of them is held.
   */
  public CompletableFuture<DeviceEvent> release(String procedureId, String queue, java.util.Set<String> keys,
      String markType, String releasedType, java.util.function.Function<List<HeldMessage>, Release> plan,
      EventSource source, Instant at) {
    return writer.submit(c -> {
      List<QueuedDelivery> held = Deliveries.ofProcedure(c, queue, procedureId).stream()
          .filter(d -> d.state().equals(QueuedDelivery.HELD) && keys.contains(d.key())).toList();
      if (held.isEmpty()) {
        throw new IllegalStateException("none of the values shown waits for a release any more");
      }
      Map<String, Map<String, JsonNode>> marks = new java.util.HashMap<>();
      for (DeviceEvent e : StoreReader.recordEntries(c, procedureId, markType)) {
        // A later mark on the same value replaces an earlier one (a mark withdrawn is a later entry).
        marks.computeIfAbsent(e.payload().path("eventId").asText(), k -> new java.util.HashMap<>())
            .put(e.payload().path("code").asText(), e.payload());
      }
      Release r = plan.apply(held.stream().map(d -> new HeldMessage(d, marks.getOrDefault(d.key(), Map.of()))).toList());
      for (Map.Entry<Long, byte[]> go : r.released().entrySet()) {
        Deliveries.release(c, go.getKey(), procedureId, go.getValue(), at);
      }
      for (Map.Entry<Long, String> w : r.withheld().entrySet()) {
        Deliveries.withhold(c, procedureId, w.getKey(), w.getValue(), at);
      }
      return procedures.appendToRecord(c, procedureId, source, releasedType, r.entry(), at);
    });
  }

  /** The record's entries of one type, in record order. */
  public CompletableFuture<List<DeviceEvent>> recordEntries(String procedureId, String type) {
    return writer.submit(c -> StoreReader.recordEntries(c, procedureId, type));
  }

  public CompletableFuture<List<QueuedDelivery>> deliveries(String queue, String state) {
    return writer.submit(c -> Deliveries.inState(c, queue, state));
  }

  /** How many messages of the queue are in each state. */
  public CompletableFuture<java.util.Map<String, Long>> deliveryCounts(String queue) {
    return writer.submit(c -> Deliveries.counts(c, queue));
  }

  // ---- reads --------------------------------------------------------------------------------

  /** Events of one procedure in record order, or every event (procedureId null) in log order. */
  public CompletableFuture<List<DeviceEvent>> events(String procedureId) {
    return writer.submit(c -> StoreReader.events(c, procedureId));
  }

  /** The {@code limit} latest events of the log, oldest first. */
  public CompletableFuture<List<DeviceEvent>> latestEvents(int limit) {
    return writer.submit(c -> StoreReader.latestEvents(c, limit));
  }

  public CompletableFuture<Optional<Procedure>> procedure(String id) {
    return writer.submit(c -> StoreReader.procedure(c, id));
  }

  /** The procedure opened last, open or closed. */
  public CompletableFuture<Optional<Procedure>> latestProcedure() {
    return writer.submit(StoreReader::latestProcedure);
  }

  /** Commits what is queued, then closes the database. */
  @Override
  public void close() {
    writer.close();
  }
}
