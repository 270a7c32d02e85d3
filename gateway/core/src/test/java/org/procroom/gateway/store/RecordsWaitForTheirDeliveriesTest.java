package org.procroom.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.GatewayClock;

/**
 * A message queued for the interface engine is committed with its event, only for events of a
 * record, and the record stays on the box until that message is delivered or dropped: retention
 * never removes what the chart has not got.
 */
class RecordsWaitForTheirDeliveriesTest {
  @TempDir Path dir;
  private final GatewayClock clock = GatewayClock.system();
  private final OutboxRouter oneTopic = e -> List.of(new OutboxRouter.Route("t/" + e.type(), new byte[] {1}, false));

  @Test
  void aRecordStaysUntilItsQueuedMessagesAreSettled() throws Exception {
    try (EventStore store = EventStore.open(dir.resolve("procroom.db"), "room-1", oneTopic, 16)) {
      store.routeDeliveries((event, procedure, slots) -> event.type().equals("vitals.observation")
          ? List.of(new DeliveryRouter.Delivery("hl7", event.eventId(), ("ORU " + procedure.patientRef()).getBytes()))
          : List.of());
      EventSource monitor = new EventSource("monitor-1", "vitals-monitor");
      store.append(monitor, new EventDraft("vitals.observation", null, clock.now(), Map.of("hr", 70))).get();
      assertEquals(0L, store.deliveryCounts("hl7").get().get("pending"), "outside a record nothing is queued");

      Procedure p = store.openProcedure("TPI", "MRN-1", clock.now()).get();
      store.append(monitor, new EventDraft("vitals.observation", null, clock.now(), Map.of("hr", 72))).get();
      QueuedDelivery queued = store.nextDelivery("hl7").get().orElseThrow();
      assertEquals(p.id(), queued.procedureId());
      assertEquals("ORU MRN-1", new String(queued.payload()));
      store.closeProcedure(p.id(), clock.now()).get();
      store.enqueueBundle(p.id(), "t/records/" + p.id() + "/fhir", new byte[] {'{', '}'}, clock.now(), List.of("fhir")).get();
      QueuedDelivery bundle = store.nextDelivery("fhir").get().orElseThrow();
      assertEquals("bundle/" + p.id(), bundle.key(), "the whole record's bundle, queued in the same commit");
      store.markConfirmed(store.pendingOutbox(0, 100).get().stream().map(OutboxMessage::seq).toList(), clock.now()).get();

      assertEquals(0, store.pruneRecords(clock.now().plusSeconds(1)).get().records(), "its message is pending");
      store.parked(queued.seq(), "AE: unknown patient", clock.now()).get();
      assertEquals(0, store.pruneRecords(clock.now().plusSeconds(1)).get().records(), "its message is parked");
      QueuedDelivery dropped = store.drop(queued.seq(), "duplicate of a manual entry", clock.now()).get();
      assertEquals(QueuedDelivery.DROPPED, dropped.state());
      assertEquals(0, store.pruneRecords(clock.now().plusSeconds(1)).get().records(), "its bundle is pending");
      store.delivered(bundle.seq(), clock.now()).get();
      assertEquals(1, store.pruneRecords(clock.now().plusSeconds(1)).get().records(), "settled: the record goes");
      assertTrue(store.deliveries("hl7", QueuedDelivery.DROPPED).get().isEmpty(), "and its queued messages with it");
      assertTrue(store.deliveries("fhir", QueuedDelivery.DELIVERED).get().isEmpty(), "the bundle's too");
    }
  }
}
