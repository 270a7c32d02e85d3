package org.procroom.gateway.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.MosquittoBroker;

/**
 * The first device path end to end: scanner simulator -> socat pty -> serial driver -> SQLite
 * record -> Mosquitto -> a subscriber. Every event arrives once, in record order, on the
 * documented topic with a payload that conforms to the published schema.
 */
class SerialScansReachTheFeedInOrderTest {
  @TempDir Path dir;

  @Test
  void scansArriveInOrderWithTheDocumentedShape() throws Exception {
    int scans = 60;
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/#");
         Room room = new Room(dir, broker.url());
         Gateway gateway = room.startGateway()) {
      Await.until(Duration.ofSeconds(10), () -> gateway.drivers().handles().get("scanner-1").status().state()
          .name().equals("CONNECTED"), () -> "scanner never connected");
      String procedureId = gateway.store().openProcedure("TPI", "MRN-TEST-1", gateway.clock().now()).get().id();
      for (int i = 0; i < scans; i++) {
        room.scanner.scan(String.format("]d20100304094276014%s10LOT%03d", "17271130", i));
      }
      Await.until(Duration.ofSeconds(20), () -> feed.distinctEvents().values().stream()
          .filter(e -> e.path("type").asText().equals("barcode.scan")).count() == scans,
          () -> "scans on the feed: " + feed.events().size());

      List<DeviceEvent> recordScans = gateway.store().events(procedureId).get().stream()
          .filter(e -> e.type().equals("barcode.scan")).toList();
      List<JsonNode> scansOnFeed = feed.events().stream()
          .filter(e -> e.path("type").asText().equals("barcode.scan")).toList();
      assertEquals(scans, scansOnFeed.size(), "each scan exactly once (no reconnect happened)");
      long previousRecordSeq = 1;
      for (int i = 0; i < scans; i++) {
        JsonNode event = scansOnFeed.get(i);
        assertEquals("LOT%03d".formatted(i), event.path("payload").path("data").asText().substring(26),
            "order of scans is the order they were made");
        assertEquals(procedureId, event.path("procedureId").asText());
        assertEquals(recordScans.get(i).eventId(), event.path("eventId").asText(), "feed and record agree");
        assertEquals(recordScans.get(i).recordSeq(), event.path("recordSeq").asLong());
        assertTrue(event.path("recordSeq").asLong() > previousRecordSeq, "recordSeq increases after procedure.opened (1)");
        previousRecordSeq = event.path("recordSeq").asLong();
        assertEquals("]d2", event.path("payload").path("symbology").asText());
      }

      FeedSchemas schemas = new FeedSchemas();
      for (FeedSubscriber.Received m : feed.all()) {
        if (m.topic().endsWith("/status")) {
          assertEquals("procroom/room-7/status", m.topic());
          assertTrue(schemas.validateStatus(m.json()).isEmpty(), () -> "status: " + schemas.validateStatus(m.json()));
          continue;
        }
        JsonNode e = m.json();
        if (m.topic().contains("/alerts/")) {
          assertEquals("procroom/room-7/alerts/" + e.path("payload").path("severity").asText(), m.topic(),
              "alerts are copies of events, by severity");
        } else {
          assertEquals("procroom/room-7/events/" + e.path("device").path("id").asText() + "/" + e.path("type").asText(),
              m.topic());
        }
        assertTrue(!m.topic().contains("MRN-TEST-1"), "no patient identifier in topics");
        assertTrue(schemas.validateEvent(e).isEmpty(), () -> e.path("type") + ": " + schemas.validateEvent(e));
      }
      long seqBefore = 0;
      for (JsonNode e : feed.events()) {
        assertTrue(e.path("seq").asLong() > seqBefore, "log sequence increases along the feed");
        seqBefore = e.path("seq").asLong();
      }
    }
  }
}
