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
}
