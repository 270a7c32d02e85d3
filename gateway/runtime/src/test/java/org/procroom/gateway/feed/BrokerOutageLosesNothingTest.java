package org.procroom.gateway.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.ScanFeeder;
import org.procroom.gateway.mqtt.MqttPublisher;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.MosquittoBroker;

/**
 * The broker goes away (20 s during a fast burst; two minutes at a steady rate in {@code ./procroom
 * soak}) while the scanner
 * keeps scanning: every scan is recorded, and once the broker is back every one reaches the
 * subscriber, in scan order, duplicates only as identical re-deliveries of the same event id.
 */
class BrokerOutageLosesNothingTest {
  @TempDir Path dir;

  @Test
  void twentySecondsAwayDuringABurst() throws Exception {
    everyScanArrivesAfterTheBrokerReturns(20, Duration.ofSeconds(20));
  }

  @Test
  @Tag("soak")
  void twoMinutesAway() throws Exception {
    everyScanArrivesAfterTheBrokerReturns(5, Duration.ofMinutes(2));
  }

  private void everyScanArrivesAfterTheBrokerReturns(int scansPerSecond, Duration outage) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/+/events/scanner-1/barcode.scan");
         Room room = new Room(dir, broker.url());
         Gateway gateway = room.startGateway()) {
      Await.until(Duration.ofSeconds(10), () -> gateway.publisher().connected(), () -> "never connected");
      int sent;
      try (ScanFeeder feeder = new ScanFeeder(room.scanner, scansPerSecond)) {
        Await.until(Duration.ofSeconds(10), () -> feed.distinctEvents().size() >= 10, () -> "no scans before the outage");
        // Mosquitto can PUBACK a message and lose it when stopped in that same instant (its race,
        // after our responsibility ends), so the scanner holds back until the feed has all it sent.
        feeder.pause();
        Await.until(Duration.ofSeconds(10), () -> feed.distinctEvents().size() >= feeder.sent(),
            () -> "scans before the stop not delivered");
        broker.stop();
        long stopped = System.nanoTime();
        feeder.resume();
        Await.until(Duration.ofSeconds(10), () -> !gateway.publisher().connected(), () -> "the outage went unnoticed");
        MqttPublisher.Health during = gateway.publisher().health();
        assertNotEquals(MqttPublisher.State.CONNECTED, during.state(), "the publisher noticed the outage");
        assertTrue(during.lastError() != null && during.lastError().contains(broker.url()),
            "the outage reason names the broker: " + during.lastError());
        // The outage itself: a length of time, not a wait for anything.
        Thread.sleep(Math.max(0, outage.toMillis() - java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped)));
        broker.start();
        Await.until(Duration.ofSeconds(60), () -> gateway.publisher().connected(), () -> "never reconnected");
        int atReturn = feeder.sent();
        Await.until(Duration.ofSeconds(10), () -> feeder.sent() >= atReturn + 10, () -> "the scanner stopped");
        feeder.close();
        sent = feeder.sent();
      }
      int expected = sent;
      Await.until(Duration.ofSeconds(60), () -> feed.distinctEvents().size() == expected,
          () -> "distinct scans on the feed " + feed.distinctEvents().size() + " of " + expected + "; missing: "
              + missing(feed, expected, room.dir.resolve("data/procroom.db")));
      assertEquals(expected, gateway.store().eventsCommitted() - stateAndProcedureEvents(gateway),
          "every scan written to the cable was recorded");

      List<Integer> order = new ArrayList<>();
      for (JsonNode e : feed.distinctEvents().values()) {
        order.add(ScanFeeder.number(e.path("payload").path("data").asText()));
      }
      List<Integer> scanOrder = new ArrayList<>();
      for (int i = 0; i < expected; i++) {
        scanOrder.add(i);
      }
      assertEquals(scanOrder, order, "first arrivals are in scan order, none missing");

      Map<String, JsonNode> firstCopy = new HashMap<>();
      for (JsonNode e : feed.events()) {
        JsonNode first = firstCopy.putIfAbsent(e.path("eventId").asText(), e);
        if (first != null) {
          assertEquals(first, e, "a duplicate is an identical re-delivery");
        }
      }
      Await.until(Duration.ofSeconds(10), () -> gateway.store().outboxDepth().join() == 0,
          () -> "every recorded event PUBACKed; unconfirmed: " + gateway.store().outboxDepth().join());
    }
  }

  /** For each scan absent from the feed: whether the record has it and whether the broker confirmed it. */
  private static String missing(FeedSubscriber feed, int expected, Path db) {
    java.util.Set<String> arrived = new java.util.HashSet<>();
    feed.distinctEvents().values().forEach(e -> arrived.add(e.path("payload").path("data").asText()));
    StringBuilder out = new StringBuilder();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db)) {
      for (int i = 0; i < expected; i++) {
        String code = ScanFeeder.code(i);
        if (arrived.contains(code)) {
          continue;
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement("""
            SELECT e.seq, o.seq, o.confirmed_us FROM events e LEFT JOIN outbox o ON o.event_seq = e.seq
            WHERE e.payload LIKE ?""")) {
          ps.setString(1, "%\"" + code + "\"%");
          try (java.sql.ResultSet rs = ps.executeQuery()) {
            out.append(code).append(rs.next()
                ? " (event " + rs.getLong(1) + ", outbox " + rs.getLong(2) + ", confirmed " + rs.getLong(3) + ")"
                : " (not in the record)").append("; ");
          }
        }
      }
    } catch (java.sql.SQLException e) {
      out.append(e.getMessage());
    }
    return out.toString();
  }

  private static long stateAndProcedureEvents(Gateway gateway) {
    return gateway.store().events(null).join().stream().filter(e -> !e.type().equals("barcode.scan")).count();
  }
}
