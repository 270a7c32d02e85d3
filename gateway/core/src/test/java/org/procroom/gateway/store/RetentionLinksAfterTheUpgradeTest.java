package org.procroom.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.GatewayClock;

/**
 * Schema 7 links outbox rows and files to their record by columns. A store written before it (its
 * bundle row found only by topic, its files only in payloads) keeps the same retention after the
 * upgrade: the record stays while its bundle is unconfirmed, and goes with its files after.
 */
class RetentionLinksAfterTheUpgradeTest {
  @TempDir Path dir;
  private final GatewayClock clock = GatewayClock.system();
  private final OutboxRouter oneTopic = e -> List.of(new OutboxRouter.Route("t/" + e.type(), new byte[] {1}, false));

  @Test
  void aRecordOfSchemaSixStaysUntilItsBundleIsConfirmedThenGoesWithItsFiles() throws Exception {
    Path db = dir.resolve("procroom.db");
    Procedure p;
    try (EventStore store = EventStore.open(db, "room-1", oneTopic, 16)) {
      p = store.openProcedure("TPI", "MRN-1", clock.now()).get();
      store.append(new EventSource("us", "ultrasound"), new EventDraft("dicom.stored", null, clock.now(),
          Map.of("file", "dicom/1/2.dcm", "thumbnail", "dicom/thumbnails/2.jpg"))).get();
      store.closeProcedure(p.id(), clock.now()).get();
      store.enqueueBundle(p.id(), "t/records/" + p.id() + "/fhir", new byte[] {'{', '}'}, clock.now(), List.of()).get();
    }
    // Back to schema 6 as that release left it: no links, the file names in the payload only (and
    // none of schema 8's delivery queues, nor schema 9's association, nor schema 10's site schedule).
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("DROP TABLE deliveries");
      s.execute("DROP TABLE delivery_slots");
      s.execute("DROP TABLE files");
      s.execute("DROP INDEX outbox_by_procedure");
      s.execute("ALTER TABLE outbox DROP COLUMN procedure_id");
      s.execute("ALTER TABLE procedures DROP COLUMN associated_us");
      s.execute("ALTER TABLE scheduled DROP COLUMN source");
      s.execute("ALTER TABLE scheduled DROP COLUMN study_uid");
      s.execute("PRAGMA user_version=6");
    }

    try (EventStore store = EventStore.open(db, "room-1", oneTopic, 16)) {
      List<OutboxMessage> pending = store.pendingOutbox(0, 100).get();
      assertEquals(4, pending.size(), "three events and the bundle");
      store.markConfirmed(pending.subList(0, 3).stream().map(OutboxMessage::seq).toList(), clock.now()).get();
      assertEquals(new EventStore.PrunedRecords(0, 0, List.of()), store.pruneRecords(clock.now().plusSeconds(1)).get(),
          "the bundle is not confirmed yet");

      store.markConfirmed(List.of(pending.get(3).seq()), clock.now()).get();
      assertEquals(new EventStore.PrunedRecords(1, 3, List.of("dicom/1/2.dcm", "dicom/thumbnails/2.jpg")),
          store.pruneRecords(clock.now().plusSeconds(1)).get());
    }
  }
}
