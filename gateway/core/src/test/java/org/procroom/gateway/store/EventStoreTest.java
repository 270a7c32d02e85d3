package org.procroom.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.GatewayClock;

class EventStoreTest {
  @TempDir Path dir;
  private final GatewayClock clock = GatewayClock.system();
  private final EventSource scanner = new EventSource("scanner-1", "barcode-scanner");
  private final OutboxRouter oneTopic = e -> List.of(new OutboxRouter.Route("t/" + e.type(), e.eventId().getBytes(), false));

  private EventStore open() {
    return EventStore.open(dir.resolve("procroom.db"), "room-1", oneTopic, 64);
  }

  private EventDraft scan(String data) {
    return new EventDraft("barcode.scan", null, clock.now(), Map.of("data", data));
  }

  @Test
  void appendsCommitInSubmissionOrderWithIncreasingSequence() throws Exception {
    try (EventStore store = open()) {
      List<CompletableFuture<DeviceEvent>> futures = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        futures.add(store.append(scanner, scan("S" + i)));
      }
      long previous = 0;
      for (int i = 0; i < futures.size(); i++) {
        DeviceEvent e = futures.get(i).get();
        assertTrue(e.seq() > previous, "seq increases in submission order");
        previous = e.seq();
        assertEquals("S" + i, e.payload().path("data").asText());
        assertNull(e.procedureId(), "no procedure open");
      }
      assertEquals(500, store.events(null).get().size());
      assertEquals(500, store.eventsCommitted());
      assertEquals(java.util.stream.IntStream.range(300, 500).mapToObj(i -> "S" + i).toList(),
          store.latestEvents(200).get().stream().map(e -> e.payload().path("data").asText()).toList(),
          "the latest, oldest first");
    }
  }

  @Test
  void eventsJoinTheOpenProcedureWithGapFreeRecordSequence() throws Exception {
    try (EventStore store = open()) {
      store.append(scanner, scan("before")).get();
      Procedure p = store.openProcedure("TPI", "MRN-1", clock.now()).get();
      store.append(scanner, scan("a")).get();
      store.append(scanner, scan("b")).get();
      store.closeProcedure(p.id(), clock.now()).get();
      store.append(scanner, scan("after")).get();

      List<DeviceEvent> record = store.events(p.id()).get();
      assertEquals(List.of("procedure.opened", "barcode.scan", "barcode.scan", "procedure.closed"),
          record.stream().map(DeviceEvent::type).toList());
      assertEquals(List.of(1L, 2L, 3L, 4L), record.stream().map(DeviceEvent::recordSeq).toList());
      assertTrue(store.currentProcedure().isEmpty());
      assertEquals(Procedure.State.CLOSED, store.procedure(p.id()).get().orElseThrow().state());
    }
  }

  @Test
  void openProcedureResumesAfterReopeningTheStore() throws Exception {
    String id;
    try (EventStore store = open()) {
      id = store.openProcedure("TPI", "MRN-2", clock.now()).get().id();
      store.append(scanner, scan("a")).get();
    }
    try (EventStore store = open()) {
      assertEquals(id, store.currentProcedure().orElseThrow().id());
      DeviceEvent next = store.append(scanner, scan("b")).get();
      assertEquals(id, next.procedureId());
      assertEquals(3L, next.recordSeq());
    }
  }

  @Test
  void aRefusedOperationFailsAloneInItsBatch() throws Exception {
    try (EventStore store = open()) {
      CompletableFuture<Procedure> first = store.openProcedure("TPI", "MRN-3", clock.now());
      CompletableFuture<Procedure> second = store.openProcedure("TPI", "MRN-4", clock.now());
      CompletableFuture<DeviceEvent> scan = store.append(scanner, scan("x"));
      String firstId = first.get().id();
      ExecutionException refused = assertThrows(ExecutionException.class, second::get);
      assertInstanceOf(IllegalStateException.class, refused.getCause());
      assertTrue(refused.getCause().getMessage().contains("already open"), refused.getCause().getMessage());
      assertEquals(firstId, scan.get().procedureId());
      assertEquals(2L, scan.get().recordSeq(), "the refused open left no trace in the record");
    }
  }

  @Test
  void outboxHoldsOneRowPerRouteUntilConfirmed() throws Exception {
    try (EventStore store = open()) {
      DeviceEvent a = store.append(scanner, scan("a")).get();
      DeviceEvent b = store.append(scanner, scan("b")).get();
      List<OutboxMessage> pending = store.pendingOutbox(0, 10).get();
      assertEquals(List.of("t/barcode.scan", "t/barcode.scan"), pending.stream().map(OutboxMessage::topic).toList());
      assertEquals(a.eventId(), new String(pending.get(0).payload()));
      assertEquals(b.eventId(), new String(pending.get(1).payload()));
      assertEquals(List.of(pending.get(1).seq()), store.pendingOutbox(pending.get(0).seq(), 10).get().stream()
          .map(OutboxMessage::seq).toList(), "reading resumes after a cursor");

      store.markConfirmed(List.of(pending.get(0).seq()), Instant.now()).get();
      assertEquals(1L, store.outboxDepth().get());
      assertEquals(0, store.pruneConfirmed(Instant.now().minusSeconds(60)).get(), "recent confirmations kept");
      assertEquals(1, store.pruneConfirmed(Instant.now().plusSeconds(1)).get());
      assertEquals(2, store.events(null).get().size(), "pruning the outbox never touches the record");
    }
  }

  @Test
  void closedStoreRefusesWithAClearReason() {
    EventStore store = open();
    store.close();
    ExecutionException e = assertThrows(ExecutionException.class, () -> store.append(scanner, scan("late")).get());
    assertEquals("the store is closed", e.getCause().getMessage());
  }

  @Test
  void closedConfirmedRecordsPastRetentionAreDeletedWithTheFilesTheyName() throws Exception {
    try (EventStore store = open()) {
      Procedure sent = store.openProcedure("TPI", "MRN-3", clock.now()).get();
      store.append(scanner, new EventDraft("dicom.stored", null, clock.now(),
          Map.of("file", "dicom/1.2/3.dcm", "thumbnail", "dicom/thumbnails/3.jpg"))
          .withFiles(List.of("dicom/1.2/3.dcm", "dicom/thumbnails/3.jpg"))).get();
      store.closeProcedure(sent.id(), clock.now()).get();
      Procedure unsent = store.openProcedure("TPI", "MRN-4", clock.now()).get();
      store.append(scanner, scan("x")).get();
      store.closeProcedure(unsent.id(), clock.now()).get();
      Procedure owing = store.openProcedure("TPI", "MRN-6", clock.now()).get();
      store.closeProcedure(owing.id(), clock.now()).get();
      Procedure open = store.openProcedure("TPI", "MRN-5", clock.now()).get();
      store.enqueueBundle(sent.id(), "t/records/" + sent.id() + "/fhir", new byte[] {'{', '}'}, clock.now(), List.of()).get();

      // One outbox row per event, then the first record's bundle: the first record's four rows (opened, stored,
      // closed, bundle) and the owing record's two event rows confirmed, no others.
      List<OutboxMessage> pending = store.pendingOutbox(0, 1000).get();
      assertEquals(10, pending.size());
      List<Long> confirmed = new ArrayList<>(pending.subList(0, 3).stream().map(OutboxMessage::seq).toList());
      confirmed.addAll(pending.subList(6, 8).stream().map(OutboxMessage::seq).toList());
      confirmed.add(pending.get(9).seq());
      store.markConfirmed(confirmed, clock.now()).get();

      assertEquals(new EventStore.PrunedRecords(0, 0, List.of()), store.pruneRecords(sent.openedAt()).get(),
          "nothing was closed before the cutoff");
      EventStore.PrunedRecords pruned = store.pruneRecords(clock.now().plusSeconds(1)).get();
      assertEquals(new EventStore.PrunedRecords(1, 3, List.of("dicom/1.2/3.dcm", "dicom/thumbnails/3.jpg")), pruned);
      assertTrue(store.procedure(sent.id()).get().isEmpty());
      assertEquals(3, store.events(unsent.id()).get().size(), "a record the broker has not confirmed stays");
      assertEquals(2, store.events(owing.id()).get().size(), "a record whose FHIR bundle is still owed stays");
      assertEquals(open.id(), store.currentProcedure().orElseThrow().id(), "the open record stays");
    }
  }

  @Test
  void aClosedRecordOwesItsBundleUntilItIsQueuedAcrossAReopen() throws Exception {
    Procedure p;
    try (EventStore store = open()) {
      p = store.openProcedure("TPI", "MRN-7", clock.now()).get();
      store.closeProcedure(p.id(), clock.now()).get();
      assertEquals(List.of(p.id()), store.owedBundles().get().stream().map(Procedure::id).toList());
    }
    try (EventStore store = open()) {
      assertEquals(List.of(p.id()), store.owedBundles().get().stream().map(Procedure::id).toList(),
          "the debt outlives the process");
      store.enqueueBundle(p.id(), "t/records/" + p.id() + "/fhir", new byte[] {'{', '}'}, clock.now(), List.of()).get();
      assertEquals(List.of(), store.owedBundles().get());
      assertEquals("t/records/" + p.id() + "/fhir", store.pendingOutbox(0, 100).get().get(2).topic());
    }
  }

  @Test
  void aStoreOfSchemaOneMigratesForwardAndKeepsItsOpenProcedure() throws Exception {
    // The first release's schema, as written by it, with a procedure left open at the upgrade.
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("procroom.db"));
         java.sql.Statement s = c.createStatement()) {
      s.execute("""
          CREATE TABLE procedures(id TEXT PRIMARY KEY, room TEXT NOT NULL, procedure_type TEXT NOT NULL,
            patient_ref TEXT, state TEXT NOT NULL, opened_us INTEGER NOT NULL, closed_us INTEGER,
            last_record_seq INTEGER NOT NULL DEFAULT 0)""");
      s.execute("CREATE UNIQUE INDEX procedures_one_open ON procedures(room) WHERE state = 'OPEN'");
      s.execute("""
          CREATE TABLE events(seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, room TEXT NOT NULL,
            procedure_id TEXT REFERENCES procedures(id), record_seq INTEGER, device_id TEXT NOT NULL,
            device_kind TEXT NOT NULL, type TEXT NOT NULL, device_time_us INTEGER, received_us INTEGER NOT NULL,
            payload TEXT NOT NULL)""");
      s.execute("CREATE INDEX events_by_procedure ON events(procedure_id, record_seq)");
      s.execute("""
          CREATE TABLE outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT, event_seq INTEGER REFERENCES events(seq),
            topic TEXT NOT NULL, payload BLOB NOT NULL, retained INTEGER NOT NULL, created_us INTEGER NOT NULL,
            confirmed_us INTEGER)""");
      s.execute("CREATE INDEX outbox_pending ON outbox(seq) WHERE confirmed_us IS NULL");
      s.execute("""
          INSERT INTO procedures VALUES('0190a1b2-0000-7000-8000-000000000001', 'room-1', 'TPI', 'MRN-9', 'OPEN',
            1767225600000000, NULL, 1)""");
      s.execute("""
          INSERT INTO events VALUES(1, '0190a1b2-0000-7000-8000-0000000000e1', 'room-1',
            '0190a1b2-0000-7000-8000-000000000001', 1, 'gateway', 'gateway', 'procedure.opened', NULL,
            1767225600000000, '{"procedureType":"TPI"}')""");
      s.execute("PRAGMA user_version=1");
    }
    try (EventStore store = open()) {
      Procedure resumed = store.currentProcedure().orElseThrow();
      assertEquals("0190a1b2-0000-7000-8000-000000000001", resumed.id());
      DeviceEvent next = store.append(scanner, scan("after the upgrade")).get();
      assertEquals(resumed.id(), next.procedureId());
      assertEquals(2, next.recordSeq(), "the record continues where the old release left it");
      assertTrue(store.schedule("TPI", "MRN-10", null, null, clock.now()).get().id() != null,
          "tables of later schemas exist");
    }
  }
}
