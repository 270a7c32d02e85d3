package org.procroom.gateway.record.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;

/** The demo run's exported record (report/SOURCES.md), read back into a procedure and its events. */
final class DemoRecord {
  private DemoRecord() {}

  static String report() {
    JsonNode record;
    try (InputStream in = DemoRecord.class.getResourceAsStream("/report/demo-record.json")) {
      record = EventJson.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode p = record.path("procedure");
    Procedure procedure = new Procedure(p.path("id").asText(), p.path("room").asText(), p.path("procedureType").asText(),
        p.path("patientRef").asText(), Procedure.State.CLOSED, Instant.parse(p.path("openedAt").asText()),
        Instant.parse(p.path("closedAt").asText()), 62, true, p.path("patientName").asText(),
        p.path("accessionNumber").asText(), p.path("phase").asText(), null);
    List<DeviceEvent> events = new ArrayList<>();
    for (JsonNode e : record.path("events")) {
      events.add(new DeviceEvent(e.path("eventId").asText(), e.path("seq").asLong(), e.path("room").asText(),
          e.path("procedureId").asText(), e.path("recordSeq").asLong(), e.path("device").path("id").asText(),
          e.path("device").path("kind").asText(), e.path("type").asText(),
          e.path("deviceTime").isNull() ? null : Instant.parse(e.path("deviceTime").asText()),
          Instant.parse(e.path("receivedAt").asText()), e.path("payload")));
    }
    return ClinicalReport.xhtml(procedure, events, ZoneId.of("Europe/Berlin"));
  }
}
