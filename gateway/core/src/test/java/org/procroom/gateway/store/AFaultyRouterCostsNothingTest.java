package org.procroom.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.GatewayClock;

/**
 * A router that fails while building a message (after claiming a charting slot) costs the record
 * neither the event nor the slot: the event is committed, and the next value may claim the slot.
 */
class AFaultyRouterCostsNothingTest {
  @TempDir Path dir;

  @Test
  void theEventIsKeptAndTheSlotIsFreeAgain() throws Exception {
    GatewayClock clock = GatewayClock.system();
    AtomicInteger calls = new AtomicInteger();
    try (EventStore store = EventStore.open(dir.resolve("procroom.db"), "room-1", e -> List.of(), 16)) {
      store.routeDeliveries((event, procedure, slots) -> {
        if (!event.type().equals("vitals.observation")) {
          return List.of();
        }
        boolean claimed = slots.claim("hl7", procedure.id(), "monitor-1|HR|10:01");
        if (calls.incrementAndGet() == 1) {
          throw new IllegalArgumentException("a value the builder cannot read");
        }
        return claimed ? List.of(new DeliveryRouter.Delivery("hl7", event.eventId(), new byte[] {1})) : List.of();
      });
      store.openProcedure("TPI", "MRN-1", clock.now()).get();
      EventSource monitor = new EventSource("monitor-1", "vitals-monitor");
      DeviceEvent first = store.append(monitor, new EventDraft("vitals.observation", null, clock.now(), Map.of("hr", 1))).get();
      assertTrue(first.recordSeq() > 0, "the event is committed in the record");
      assertEquals(0L, store.deliveryCounts("hl7").get().get("pending"));
      DeviceEvent second = store.append(monitor, new EventDraft("vitals.observation", null, clock.now(), Map.of("hr", 2))).get();
      assertEquals(second.eventId(), store.nextDelivery("hl7").get().orElseThrow().key(),
          "the slot the failed build claimed was rolled back: the next value takes it");
    }
  }
}
