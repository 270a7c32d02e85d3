package org.procroom.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.GatewayClock;

/**
 * The room's devices are associated with a record's patient once the patient is identified (here:
 * staff confirm the worklist entry), never for a patient typed in, and no longer once the record
 * closes; both ends are entries of the record. A box upgraded with a record open, or one whose
 * bundle is still owed, keeps charting it.
 */
class PatientAssociationTest {
  @TempDir Path dir;
  private final GatewayClock clock = GatewayClock.system();
  private final OutboxRouter oneTopic = e -> List.of(new OutboxRouter.Route("t/" + e.type(), new byte[] {1}, false));

  private static List<String> associations(EventStore store, String procedureId) {
    return store.events(procedureId).join().stream().filter(e -> e.type().equals("patient.association"))
        .map(DeviceEvent::payload).map(p -> p.path("state").asText() + " " + p.path("how").asText()).toList();
  }

  @Test
  void fromTheWorklistUntilTheClose() throws Exception {
    try (EventStore store = EventStore.open(dir.resolve("procroom.db"), "room-1", oneTopic, 16)) {
      Procedure typed = store.openProcedure("TPI", "MRN-1", clock.now()).get();
      assertNull(typed.associatedAt(), "a patient typed in is not identified");
      store.closeProcedure(typed.id(), clock.now()).get();
      assertEquals(List.of(), associations(store, typed.id()));

      Scheduled s = store.schedule("TPI", "MRN-2", "DOE^JANE", "ACC-1", clock.now()).get();
      Procedure confirmed = store.openScheduled(s.id(), clock.now()).get();
      assertNotNull(confirmed.associatedAt());
      assertNotNull(store.currentProcedure().orElseThrow().associatedAt(), "kept in the open record's state");
      store.closeProcedure(confirmed.id(), clock.now()).get();
      assertEquals(List.of("started worklist", "ended closed"), associations(store, confirmed.id()));
    }
  }

  @Test
  void aRecordOpenAtTheUpgradeStaysAssociated() throws Exception {
    Path db = dir.resolve("procroom.db");
    String owed;
    try (EventStore store = EventStore.open(db, "room-1", oneTopic, 16)) {
      // Closed just before the upgrade, its bundle not yet queued: charted as the old box did.
      owed = store.openProcedure("TPI", "MRN-0", clock.now()).get().id();
      store.closeProcedure(owed, clock.now()).get();
      store.openProcedure("TPI", "MRN-1", clock.now()).get();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE procedures DROP COLUMN associated_us");
      s.execute("ALTER TABLE scheduled DROP COLUMN source");
      s.execute("ALTER TABLE scheduled DROP COLUMN study_uid");
      s.execute("PRAGMA user_version=8");
    }
    try (EventStore store = EventStore.open(db, "room-1", oneTopic, 16)) {
      assertNotNull(store.currentProcedure().orElseThrow().associatedAt(), "it was charted before the upgrade");
      assertNotNull(store.procedure(owed).get().orElseThrow().associatedAt(), "its bundle keeps its vitals");
    }
  }
}
