package org.procroom.gateway.http;

import static org.procroom.gateway.http.Replies.body;
import static org.procroom.gateway.http.Replies.error;
import static org.procroom.gateway.http.Replies.json;
import static org.procroom.gateway.http.Replies.reply;
import static org.procroom.gateway.http.Replies.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.api.ManualScanEntry;
import org.procroom.gateway.api.ManualScanRequest;
import org.procroom.gateway.drivers.DriverHandle;
import org.procroom.gateway.drivers.DriverManager;
import org.procroom.gateway.record.Records;
import org.procroom.gateway.record.StaffEntries;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.EventSource;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.Procedure;
import org.procroom.gateway.store.Scheduled;

/** The procedure API (docs/http.md): the open procedure, the schedule, staff entries, amendments, manual scans. */
final class ProcedureRoutes {
  static final EventSource STAFF = new EventSource("staff", "staff");

  private final String room;
  private final EventStore store;
  private final Records records;
  private final DriverManager drivers;
  private final GatewayClock clock;

  private final java.time.ZoneId timeZone;
  private final java.nio.file.Path dataDir;

  ProcedureRoutes(String room, EventStore store, Records records, DriverManager drivers, GatewayClock clock,
      java.time.ZoneId timeZone, java.nio.file.Path dataDir) {
    this.timeZone = timeZone;
    this.dataDir = dataDir;
    this.room = room;
    this.store = store;
    this.records = records;
    this.drivers = drivers;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/api/procedures/current").handler(this::currentProcedure);
    router.post("/api/procedures").handler(this::openProcedure);
    router.post("/api/schedule").handler(this::schedule);
    router.get("/api/schedule").handler(this::scheduleList);
    router.post("/api/procedures/:id/close").handler(this::closeProcedure);
    router.get("/api/procedures/:id/events").handler(this::procedureEvents);
    router.get("/api/procedures/:id/report").handler(this::report);
    router.post("/api/scans/manual").handler(this::manualScan);
    router.post("/api/procedures/:id/entries").handler(this::staffEntry);
    router.post("/api/procedures/:id/amendments").handler(this::amendment);
  }

  private void currentProcedure(RoutingContext ctx) {
    store.currentProcedure().ifPresentOrElse(
        p -> json(ctx, 200, procedureJson(p)),
        () -> error(ctx, 404, "no procedure is open in " + room));
  }

  private void openProcedure(RoutingContext ctx) {
    JsonNode body = body(ctx);
    if (body == null) {
      return;
    }
    if (body.hasNonNull("scheduledId")) {
      reply(ctx, 201, store.openScheduled(body.get("scheduledId").asText(), clock.now()),
          this::procedureJson);
      return;
    }
    String type = body.path("procedureType").asText("TPI");
    String patient = body.path("patientRef").asText("");
    if (patient.isBlank()) {
      error(ctx, 400, "patientRef (or scheduledId) is required to open a procedure");
      return;
    }
    reply(ctx, 201, store.openProcedure(type, patient, text(body, "patientName"), text(body, "accessionNumber"),
        clock.now()), this::procedureJson);
  }

  private void closeProcedure(RoutingContext ctx) {
    reply(ctx, 200, records.close(ctx.pathParam("id")), this::procedureJson);
  }

  private void procedureEvents(RoutingContext ctx) {
    reply(ctx, 200, store.events(ctx.pathParam("id")), events -> {
      ArrayNode array = EventJson.MAPPER.createArrayNode();
      for (DeviceEvent e : events) {
        array.add(EventJson.toTree(e));
      }
      return array;
    });
  }

  /**
   * The clinical report of a procedure, printable: XHTML, or {@code ?format=pdf} ({@code paper=a4|letter});
   * times in {@code ?timeZone=} (default the room's). Rendered off the event loop.
   */
  private void report(RoutingContext ctx) {
    String format = ctx.request().getParam("format", "html");
    String paper = ctx.request().getParam("paper", "a4");
    java.time.ZoneId zone;
    try {
      zone = java.time.ZoneId.of(ctx.request().getParam("timeZone", timeZone.getId()));
    } catch (java.time.DateTimeException e) {
      error(ctx, 400, "timeZone: unknown time zone '" + ctx.request().getParam("timeZone") + "'");
      return;
    }
    if (!format.equals("html") && !format.equals("pdf") || !paper.equals("a4") && !paper.equals("letter")) {
      error(ctx, 400, "format: html or pdf; paper: a4 or letter");
      return;
    }
    String id = ctx.pathParam("id");
    java.time.ZoneId chosen = zone;
    // Async: rendering runs in the common pool, neither on the event loop nor on the store's writer.
    store.procedure(id).thenCombineAsync(store.events(id), (procedure, events) -> procedure.map(p -> {
      String xhtml = org.procroom.gateway.record.report.ClinicalReport.xhtml(p, events, chosen, dataDir,
          records.waveStrips(events));
      return format.equals("pdf") ? org.procroom.gateway.record.report.ReportPdf.pdf(xhtml, paper.equals("letter")
          ? org.procroom.gateway.record.report.ReportPdf.Paper.LETTER : org.procroom.gateway.record.report.ReportPdf.Paper.A4)
          : xhtml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    })).whenComplete((body, failure) -> ctx.vertx().runOnContext(v -> {
      if (failure != null) {
        error(ctx, 500, "the report could not be made: " + failure.getMessage());
      } else if (body.isEmpty()) {
        error(ctx, 404, "no procedure " + id);
      } else {
        ctx.response().putHeader("Content-Type", format.equals("pdf") ? "application/pdf"
            : "application/xhtml+xml; charset=utf-8").end(io.vertx.core.buffer.Buffer.buffer(body.get()));
      }
    }));
  }

  /** Schedules a procedure: on the worklist until it opens (wristband, worklist match or staff). */
  private void schedule(RoutingContext ctx) {
    JsonNode body = body(ctx);
    if (body == null) {
      return;
    }
    String patient = body.path("patientRef").asText("");
    if (patient.isBlank()) {
      error(ctx, 400, "patientRef: required");
      return;
    }
    java.time.Instant at;
    try {
      at = body.hasNonNull("scheduledAt") ? java.time.Instant.parse(body.get("scheduledAt").asText()) : clock.now();
    } catch (java.time.format.DateTimeParseException e) {
      error(ctx, 400, "scheduledAt: expected an ISO-8601 instant such as 2026-11-25T14:00:00Z");
      return;
    }
    reply(ctx, 201, store.schedule(body.path("procedureType").asText("TPI"), patient, text(body, "patientName"),
        text(body, "accessionNumber"), at), this::scheduledJson);
  }

  private void scheduleList(RoutingContext ctx) {
    ArrayNode list = EventJson.MAPPER.createArrayNode();
    store.scheduled().forEach(s -> list.add(scheduledJson(s)));
    json(ctx, 200, list);
  }

  private ObjectNode scheduledJson(Scheduled s) {
    return EventJson.MAPPER.createObjectNode().put("id", s.id()).put("procedureType", s.procedureType())
        .put("patientRef", s.patientRef()).put("patientName", s.patientName()).put("accessionNumber", s.accessionNumber())
        .put("scheduledAt", EventJson.timestamp(s.scheduledAt())).put("source", s.source() == null ? "staff" : "ris")
        .put("studyInstanceUid", s.studyInstanceUid());
  }

  /** A staff entry (pain score, trigger point, injection, ...): validated, then appended to the open record. */
  private void staffEntry(RoutingContext ctx) {
    JsonNode body = body(ctx);
    if (body == null) {
      return;
    }
    String type = body.path("type").asText("");
    ObjectNode payload;
    try {
      payload = StaffEntries.payload(type, body);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    reply(ctx, 201, store.appendToRecord(ctx.pathParam("id"), STAFF, "staff." + type, payload,
        clock.now()), EventJson::toTree);
  }

  /** A correction: the record is append-only, so the amendment names the event it corrects, who and why. */
  private void amendment(RoutingContext ctx) {
    JsonNode body = body(ctx);
    if (body == null) {
      return;
    }
    ObjectNode payload;
    try {
      payload = StaffEntries.amendment(body);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    reply(ctx, 201, store.appendToRecord(ctx.pathParam("id"), STAFF, EventTypes.RECORD_AMENDMENT, payload,
        clock.now()), EventJson::toTree);
  }

  /** A barcode typed by staff because it could not be scanned; checked like a scan, recorded with who and why. */
  private void manualScan(RoutingContext ctx) {
    JsonNode body = body(ctx);
    if (body == null) {
      return;
    }
    String reason = body.path("reason").asText("").strip();
    String enteredBy = body.path("enteredBy").asText("").strip();
    if (reason.isEmpty() || enteredBy.isEmpty()) {
      error(ctx, 400, "reason and enteredBy are required for a manual entry");
      return;
    }
    String deviceId = body.path("deviceId").asText("");
    ManualScanEntry scanner = null;
    for (Map.Entry<String, DriverHandle> entry : drivers.handles().entrySet()) {
      if ((deviceId.isEmpty() || entry.getKey().equals(deviceId))
          && entry.getValue().driver() instanceof ManualScanEntry candidate) {
        scanner = candidate;
        break;
      }
    }
    if (scanner == null) {
      error(ctx, 404, deviceId.isEmpty() ? "no barcode scanner is configured" : "no barcode scanner '" + deviceId + "'");
      return;
    }
    java.time.LocalDate expiry;
    try {
      expiry = body.hasNonNull("expiry") ? java.time.LocalDate.parse(body.get("expiry").asText()) : null;
    } catch (java.time.format.DateTimeParseException e) {
      error(ctx, 400, "expiry must be a date YYYY-MM-DD");
      return;
    }
    ManualScanRequest request = new ManualScanRequest(text(body, "data"), text(body, "ndc"), text(body, "lot"), expiry,
        reason, enteredBy);
    ManualScanEntry target = scanner;
    ctx.vertx().executeBlocking(() -> target.enterManually(request)).compose(io.vertx.core.Future::fromCompletionStage).onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, 201, EventJson.toTree(ar.result()));
      } else {
        error(ctx, ar.cause() instanceof IllegalArgumentException ? 400 : 503, ar.cause().getMessage());
      }
    });
  }

  private ObjectNode procedureJson(Procedure p) {
    ObjectNode node = EventJson.MAPPER.createObjectNode();
    node.put("id", p.id()).put("room", p.room()).put("procedureType", p.procedureType())
        .put("patientRef", p.patientRef()).put("patientName", p.patientName())
        .put("accessionNumber", p.accessionNumber()).put("state", p.state().name())
        .put("openedAt", EventJson.timestamp(p.openedAt()))
        .put("closedAt", p.closedAt() == null ? null : EventJson.timestamp(p.closedAt()))
        .put("phase", p.phase()).put("lastRecordSeq", p.lastRecordSeq())
        .put("associatedAt", p.associatedAt() == null ? null : EventJson.timestamp(p.associatedAt()));
    return node;
  }
}
