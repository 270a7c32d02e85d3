package org.procroom.gateway.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.EventSource;
import org.procroom.gateway.store.EventStore;

/** Device events move the phase forward only; a steroid before any anaesthetic is a warning. */
class TpiRulesTest {
  @TempDir Path dir;
  private final GatewayClock clock = GatewayClock.system();

  private static ObjectNode scan(String drugClass, String severity) {
    ObjectNode p = EventJson.MAPPER.createObjectNode().put("severity", severity);
    p.putObject("product").put("class", drugClass).put("name", drugClass);
    return p;
  }

  @Test
  void devicesDriveThePhasesForwardAndNeverBack() throws Exception {
    EventSource scanner = new EventSource("scanner-1", "barcode-scanner");
    EventSource us = new EventSource("us-1", "ultrasound");
    try (EventStore store = EventStore.open(dir.resolve("db"), "r", e -> List.of(), new TpiRules(), 16)) {
      String id = store.openProcedure("TPI", "P", clock.now()).get().id();
      store.append(scanner, new EventDraft("barcode.scan", null, clock.now(), scan("corticosteroid", "ok"))).get();
      store.append(scanner, new EventDraft("barcode.scan", null, clock.now(), scan("local-anaesthetic", "ok"))).get();
      store.append(us, new EventDraft("dicom.stored", null, clock.now(), EventJson.MAPPER.createObjectNode())).get();
      store.append(scanner, new EventDraft("barcode.scan", null, clock.now(), scan("antiseptic", "ok"))).get();
      store.append(scanner, new EventDraft("barcode.scan", null, clock.now(), scan("local-anaesthetic", "critical"))).get();

      List<DeviceEvent> record = store.events(id).get();
      assertEquals(List.of("assessment>injection"), record.stream().filter(e -> e.type().equals("procedure.phase"))
          .map(e -> e.payload().path("previous").asText() + ">" + e.payload().path("phase").asText()).toList(),
          "once in injection, later anaesthetic, image and antiseptic scans do not move the phase back");
      assertEquals(List.of("steroid drawn up before any local anaesthetic was scanned"), record.stream()
          .filter(e -> e.type().equals("procedure.warning")).map(e -> e.payload().path("message").asText()).toList());
      assertEquals("injection", store.currentProcedure().orElseThrow().phase());
    }
    try (EventStore store = EventStore.open(dir.resolve("db2"), "r", e -> List.of(), new TpiRules(), 16)) {
      String id = store.openProcedure("TPI", "P", clock.now()).get().id();
      store.append(scanner, new EventDraft("barcode.scan", null, clock.now(), scan("local-anaesthetic", "ok"))).get();
      store.append(us, new EventDraft("mpps.started", null, clock.now(), EventJson.MAPPER.createObjectNode())).get();
      store.append(us, new EventDraft("dicom.stored", null, clock.now(), EventJson.MAPPER.createObjectNode())).get();
      assertEquals(List.of("local-anaesthesia", "guidance"), store.events(id).get().stream()
          .filter(e -> e.type().equals("procedure.phase")).map(e -> e.payload().path("phase").asText()).toList());
    }
  }
}
