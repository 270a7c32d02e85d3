package org.procroom.gateway.http;

import org.procroom.gateway.api.EventTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.procroom.drivers.barcode.BarcodeScannerDriver;
import org.procroom.drivers.barcode.ManualScanRequest;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.dashboard.DashboardApi;
import org.procroom.gateway.dashboard.StaffAuth;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.DriverStatus;
import org.procroom.gateway.drivers.ClockSkew;
import org.procroom.gateway.drivers.DriverHandle;
import org.procroom.gateway.metrics.Metrics;
import org.procroom.gateway.mqtt.MqttPublisher;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.record.StaffEntries;
import org.procroom.gateway.store.EventSource;
import org.procroom.gateway.store.Procedure;

/** {@code /health}, {@code /metrics} and the procedure API (docs/http.md). */
public final class HttpApi {
  private static final EventSource STAFF = new EventSource("staff", "staff");

  private final Gateway gateway;
  private final Vertx vertx;

  public HttpApi(Vertx vertx, Gateway gateway) {
    this.vertx = vertx;
    this.gateway = gateway;
  }

  public Future<HttpServer> listen(String host, int port) {
    Router router = Router.router(vertx);
    HttpEdge edge = new HttpEdge();
    router.route().handler(BodyHandler.create().setBodyLimit(HttpEdge.BODY_LIMIT));
    router.route().failureHandler(edge::failed);
    StaffAuth auth = new StaffAuth(gateway.config().dashboard(), gateway.clock(), entry ->
        gateway.store().append(STAFF, new org.procroom.gateway.api.EventDraft(StaffAuth.SignIn.EVENT_TYPE, null,
            gateway.clock().now(), entry, true)));
    new DashboardApi(gateway, auth).mount(vertx, router);
    // Reads that carry patient data need a session when the room is not on public view.
    router.get("/api/procedures/*").handler(auth::requireForReads);
    router.get("/api/schedule").handler(auth::requireForReads);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(this::metrics);
    router.get("/api/procedures/current").handler(this::currentProcedure);
    router.post("/api/procedures").handler(this::openProcedure);
    router.post("/api/schedule").handler(this::schedule);
    router.get("/api/schedule").handler(this::scheduleList);
    router.post("/api/procedures/:id/close").handler(this::closeProcedure);
    router.get("/api/procedures/:id/events").handler(this::procedureEvents);
    router.post("/api/scans/manual").handler(this::manualScan);
    router.post("/api/procedures/:id/entries").handler(this::staffEntry);
    router.post("/api/procedures/:id/amendments").handler(this::amendment);
    return vertx.createHttpServer(HttpEdge.limits(serverOptions(gateway.config().httpTls())))
        .connectionHandler(edge.firstRequestDeadline(vertx)).requestHandler(edge.front(router)).listen(port, host);
  }

  /** HTTPS when {@code http.tls.keyStore} (PKCS#12) is set: TLS 1.3 and 1.2 only; the password from a file or the setting. */
  private static io.vertx.core.http.HttpServerOptions serverOptions(org.procroom.gateway.api.DriverSettings tls) {
    io.vertx.core.http.HttpServerOptions options = new io.vertx.core.http.HttpServerOptions();
    if (!tls.has("keyStore")) {
      return options;
    }
    String password = tls.optionalString("keyStorePasswordFile")
        .map(f -> new String(org.procroom.gateway.api.TlsSettings.secret(tls.key("keyStorePasswordFile"), f)))
        .orElse(tls.string("keyStorePassword", ""));
    java.nio.file.Path store = tls.file("keyStore");
    if (!java.nio.file.Files.isReadable(store)) {
      throw new org.procroom.gateway.api.ConfigException(tls.key("keyStore"), "cannot read " + store);
    }
    return options.setSsl(true)
        .setKeyCertOptions(new io.vertx.core.net.PfxOptions().setPath(store.toString()).setPassword(password))
        .setEnabledSecureTransportProtocols(java.util.Set.of(org.procroom.gateway.api.TlsSettings.protocols()));
  }

  private void health(RoutingContext ctx) {
    ObjectNode root = EventJson.MAPPER.createObjectNode();
    root.put("room", gateway.config().room());
    String storeError = gateway.store().lastError();
    root.putObject("store").put("status", storeError == null ? "UP" : "FAILING").put("lastError", storeError);
    MqttPublisher.Health mqtt = gateway.publisher().health();
    root.putObject("mqtt").put("status", mqtt.state().name()).put("url", mqtt.url())
        .put("since", EventJson.timestamp(mqtt.since())).put("lastError", mqtt.lastError());
    ObjectNode drivers = root.putObject("drivers");
    boolean allDriversUp = true;
    for (Map.Entry<String, DriverHandle> entry : gateway.drivers().handles().entrySet()) {
      DriverHandle handle = entry.getValue();
      DriverStatus s = handle.status();
      allDriversUp &= s.state() == DriverState.CONNECTED;
      ObjectNode d = drivers.putObject(entry.getKey());
      d.put("type", handle.type()).put("state", s.state().name()).put("reason", s.reason())
          .put("since", EventJson.timestamp(s.since()))
          .put("lastDataAt", s.lastDataAt() == null ? null : EventJson.timestamp(s.lastDataAt()));
      ClockSkew.Snapshot skew = handle.clockSkew();
      if (skew.samples() > 0) {
        d.putObject("clockSkew").put("lastMillis", skew.lastMillis())
            .put("smoothedMillis", Math.round(skew.smoothedMillis())).put("samples", skew.samples());
      }
    }
    String overall = storeError != null ? "DOWN" : allDriversUp && gateway.publisher().connected() ? "UP" : "DEGRADED";
    root.put("status", overall);
    ctx.response().setStatusCode(storeError != null ? 503 : 200).putHeader("content-type", "application/json")
        .end(root.toString());
  }

  private void metrics(RoutingContext ctx) {
    Future.fromCompletionStage(gateway.store().outboxDepth(), ctx.vertx().getOrCreateContext()).onComplete(depth -> {
      Map<String, String> states = new LinkedHashMap<>();
      Map<String, Double> skews = new LinkedHashMap<>();
      gateway.drivers().handles().forEach((id, h) -> {
        states.put(id, h.status().state().name());
        if (h.clockSkew().samples() > 0) {
          skews.put(id, h.clockSkew().smoothedMillis() / 1000.0);
        }
      });
      long outbox = depth.succeeded() ? depth.result() : -1;
      Map<String, java.util.List<org.procroom.gateway.api.ListenerCounts>> listeners = new LinkedHashMap<>();
      gateway.drivers().handles().forEach((id, h) -> {
        if (h.driver() != null && !h.driver().listeners().isEmpty()) {
          listeners.put(id, h.driver().listeners());
        }
      });
      String text = gateway.metrics().scrape(() -> new Metrics.Gauges(gateway.store().eventsCommitted(), outbox,
          gateway.publisher().connected(), states, skews, listeners));
      ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(text);
    });
  }

  private void currentProcedure(RoutingContext ctx) {
    gateway.store().currentProcedure().ifPresentOrElse(
        p -> json(ctx, 200, procedureJson(p)),
        () -> error(ctx, 404, "no procedure is open in " + gateway.config().room()));
  }

  private void openProcedure(RoutingContext ctx) {
    JsonNode body = body(ctx);
    if (body == null) {
      return;
    }
    if (body.hasNonNull("scheduledId")) {
      reply(ctx, 201, gateway.store().openScheduled(body.get("scheduledId").asText(), gateway.clock().now()),
          this::procedureJson);
      return;
    }
    String type = body.path("procedureType").asText("TPI");
    String patient = body.path("patientRef").asText("");
    if (patient.isBlank()) {
      error(ctx, 400, "patientRef (or scheduledId) is required to open a procedure");
      return;
    }
    reply(ctx, 201, gateway.store().openProcedure(type, patient, text(body, "patientName"), text(body, "accessionNumber"),
        gateway.clock().now()), this::procedureJson);
  }

  private void closeProcedure(RoutingContext ctx) {
    reply(ctx, 200, gateway.closeProcedure(ctx.pathParam("id")).toCompletionStage(), this::procedureJson);
  }

  private void procedureEvents(RoutingContext ctx) {
    reply(ctx, 200, gateway.store().events(ctx.pathParam("id")), events -> {
      ArrayNode array = EventJson.MAPPER.createArrayNode();
      for (DeviceEvent e : events) {
        array.add(EventJson.toTree(e));
      }
      return array;
    });
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
      at = body.hasNonNull("scheduledAt") ? java.time.Instant.parse(body.get("scheduledAt").asText()) : gateway.clock().now();
    } catch (java.time.format.DateTimeParseException e) {
      error(ctx, 400, "scheduledAt: expected an ISO-8601 instant such as 2026-11-25T14:00:00Z");
      return;
    }
    reply(ctx, 201, gateway.store().schedule(body.path("procedureType").asText("TPI"), patient, text(body, "patientName"),
        text(body, "accessionNumber"), at), this::scheduledJson);
  }

  private void scheduleList(RoutingContext ctx) {
    ArrayNode list = EventJson.MAPPER.createArrayNode();
    gateway.store().scheduled().forEach(s -> list.add(scheduledJson(s)));
    json(ctx, 200, list);
  }

  private ObjectNode scheduledJson(org.procroom.gateway.store.Scheduled s) {
    return EventJson.MAPPER.createObjectNode().put("id", s.id()).put("procedureType", s.procedureType())
        .put("patientRef", s.patientRef()).put("patientName", s.patientName()).put("accessionNumber", s.accessionNumber())
        .put("scheduledAt", EventJson.timestamp(s.scheduledAt()));
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
    reply(ctx, 201, gateway.store().appendToRecord(ctx.pathParam("id"), STAFF, "staff." + type, payload,
        gateway.clock().now()), EventJson::toTree);
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
    reply(ctx, 201, gateway.store().appendToRecord(ctx.pathParam("id"), STAFF, EventTypes.RECORD_AMENDMENT, payload,
        gateway.clock().now()), EventJson::toTree);
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
    BarcodeScannerDriver scanner = null;
    for (Map.Entry<String, DriverHandle> entry : gateway.drivers().handles().entrySet()) {
      if ((deviceId.isEmpty() || entry.getKey().equals(deviceId))
          && entry.getValue().driver() instanceof BarcodeScannerDriver candidate) {
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
    BarcodeScannerDriver target = scanner;
    ctx.vertx().executeBlocking(() -> target.enterManually(request)).compose(io.vertx.core.Future::fromCompletionStage).onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, 201, EventJson.toTree(ar.result()));
      } else {
        error(ctx, ar.cause() instanceof IllegalArgumentException ? 400 : 503, ar.cause().getMessage());
      }
    });
  }

  private static String text(JsonNode body, String field) {
    return body.hasNonNull(field) ? body.get(field).asText() : null;
  }

  private ObjectNode procedureJson(Procedure p) {
    ObjectNode node = EventJson.MAPPER.createObjectNode();
    node.put("id", p.id()).put("room", p.room()).put("procedureType", p.procedureType())
        .put("patientRef", p.patientRef()).put("patientName", p.patientName())
        .put("accessionNumber", p.accessionNumber()).put("state", p.state().name())
        .put("openedAt", EventJson.timestamp(p.openedAt()))
        .put("closedAt", p.closedAt() == null ? null : EventJson.timestamp(p.closedAt()))
        .put("phase", p.phase()).put("lastRecordSeq", p.lastRecordSeq());
    return node;
  }

  private <T> void reply(RoutingContext ctx, int status, CompletionStage<T> work,
      java.util.function.Function<T, JsonNode> render) {
    Future.fromCompletionStage(work, ctx.vertx().getOrCreateContext()).onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, status, render.apply(ar.result()));
      } else {
        Throwable cause = ar.cause() instanceof java.util.concurrent.CompletionException && ar.cause().getCause() != null
            ? ar.cause().getCause() : ar.cause();
        error(ctx, cause instanceof IllegalStateException ? 409 : 503, cause.getMessage());
      }
    });
  }

  private static JsonNode body(RoutingContext ctx) {
    try {
      String text = ctx.body().asString();
      JsonNode body = text == null || text.isBlank() ? EventJson.MAPPER.createObjectNode() : EventJson.MAPPER.readTree(text);
      String signedIn = ctx.get(StaffAuth.STAFF_NAME);
      if (signedIn != null && body instanceof ObjectNode object) {
        // The signed-in name is who entered it, whatever the client wrote.
        object.put("enteredBy", signedIn);
      }
      return body;
    } catch (java.io.IOException e) {
      error(ctx, 400, "request body is not JSON: " + e.getMessage());
      return null;
    }
  }

  private static void json(RoutingContext ctx, int status, JsonNode node) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(node.toString());
  }

  private static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, EventJson.MAPPER.createObjectNode().put("error", message));
  }
}
