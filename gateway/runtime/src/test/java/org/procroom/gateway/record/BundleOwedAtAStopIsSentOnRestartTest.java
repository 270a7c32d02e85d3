package org.procroom.gateway.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.mqtt.FeedRouter;
import org.procroom.gateway.mqtt.Topics;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.Procedure;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.MosquittoBroker;

/**
 * A gateway that stops after a record's close has committed but before its FHIR bundle is in the
 * outbox sends the bundle when it starts again, once.
 */
class BundleOwedAtAStopIsSentOnRestartTest {
  @TempDir Path dir;

  @Test
  void theBundleOfARecordClosedJustBeforeTheStopReachesTheChartingSystem() throws Exception {
    GatewayClock clock = GatewayClock.system();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         FeedSubscriber charting = new FeedSubscriber(broker.url(), "procroom/room-7/records/+/fhir")) {
      // The close commits and the process ends there: the store alone, as the gateway's writer left it.
      Procedure closed;
      try (EventStore store = EventStore.open(room.config().dataDir().resolve("procroom.db"), "room-7",
          new FeedRouter(new Topics("procroom", "room-7")), new TpiRules(), 64)) {
        closed = store.openProcedure("TPI", "MRN-1", clock.now()).get();
        store.closeProcedure(closed.id(), clock.now()).get();
      }

      try (Gateway gateway = room.startGateway()) {
        Await.until(Duration.ofSeconds(15), () -> !charting.all().isEmpty(), () -> "no FHIR bundle after the restart");
        FeedSubscriber.Received bundle = charting.all().get(0);
        assertEquals("procroom/room-7/records/" + closed.id() + "/fhir", bundle.topic());
        assertEquals("Bundle", bundle.json().path("resourceType").asText());
        assertEquals("transaction", bundle.json().path("type").asText());
        List<String> resources = new java.util.ArrayList<>();
        for (JsonNode entry : bundle.json().path("entry")) {
          resources.add(entry.path("resource").path("resourceType").asText());
        }
        assertEquals("Procedure", resources.get(0), "the bundle carries the record's procedure: " + resources);
        assertEquals(List.of(), gateway.store().owedBundles().get(), "the debt is paid");
        awaitDrained(gateway);
      }
      try (Gateway again = room.startGateway()) {
        assertEquals(List.of(), again.store().owedBundles().get(), "a paid bundle is not owed again");
        awaitDrained(again);
        assertEquals(1, charting.all().size(), "the bundle was sent once");
      }
    }
  }

  /** Every outbox row confirmed by the broker, so that a restart has nothing to send again. */
  private static void awaitDrained(Gateway gateway) {
    Await.until(Duration.ofSeconds(10), () -> gateway.store().outboxDepth().join() == 0, () -> "the outbox did not drain");
  }
}
