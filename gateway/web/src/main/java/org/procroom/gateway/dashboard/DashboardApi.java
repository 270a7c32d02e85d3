package org.procroom.gateway.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.record.EventSummary;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.Procedure;
import org.procroom.gateway.web.RoomStatus;
import org.procroom.gateway.web.WebSettings;

/**
 * The room dashboard: the page (plain HTML, CSS and JavaScript from the classpath, nothing from the
 * internet), its state, a live stream of committed events and device status, thumbnails, and
 * sign-in. Entries go through the same API as every client (docs/openapi.yaml).
 */
public final class DashboardApi {
  private static final long STATUS_INTERVAL_MS = 2000;
  /**
   * Without an open procedure the page shows what of the latest this many events belongs to no
   * record: a closed record, the last patient's, is not on the room's screen any more.
   */
  private static final int RECENT_EVENTS = 200;

  private final String room;
  private final EventStore store;
  private final RoomStatus.Source status;
  private final StaffAuth auth;
  private final LiveFeed feed = new LiveFeed();
  private final WaveStream waveStream = new WaveStream();
  private final Path thumbnails;

  public DashboardApi(WebSettings settings, EventStore store, RoomStatus.Source status, StaffAuth auth,
      org.procroom.gateway.waves.WaveStore waves) {
    waves.onSegment(waveStream::segment);
    this.room = settings.room();
    this.store = store;
    this.status = status;
    this.auth = auth;
    this.thumbnails = settings.dataDir().resolve("dicom").resolve("thumbnails");
    store.onEvents(feed::events);
  }

  /** Routes of the page and its data; call before the API's write routes are added. */
  public void mount(Vertx vertx, Router router) {
    router.get("/").handler(ctx -> ctx.redirect("/dashboard/"));
    router.route("/dashboard/*").handler(StaticHandler.create("dashboard").setCachingEnabled(false)
        .setDefaultContentEncoding("UTF-8"));
    router.post("/api/login").handler(auth::login);
    router.post("/api/logout").handler(auth::logout);
    router.get("/api/session").handler(auth::whoAmI);
    router.get("/api/dashboard/*").handler(auth::requireForReads);
    router.get("/api/dashboard/state").handler(this::state);
    router.get("/api/dashboard/devices").handler(ctx -> json(ctx, status()));
    router.get("/api/dashboard/stream").handler(ctx -> feed.add(ctx.response(), vertx.getOrCreateContext()));
    router.get("/api/dashboard/waves").handler(ctx -> waveStream.add(ctx.response(), vertx.getOrCreateContext()));
    router.get("/api/dashboard/thumbnails/:name").handler(this::thumbnail);
    router.post("/api/*").handler(auth::requireForWrites);
    vertx.setPeriodic(STATUS_INTERVAL_MS, id -> {
      if (feed.clients() > 0) {
        feed.status(status().toString());
      }
    });
  }

  private void state(RoutingContext ctx) {
    ObjectNode root = EventJson.MAPPER.createObjectNode();
    root.put("room", room);
    root.setAll(status());
    Procedure open = store.currentProcedure().orElse(null);
    if (open != null) {
      root.putObject("procedure").put("id", open.id()).put("procedureType", open.procedureType())
          .put("phase", open.phase()).put("openedAt", EventJson.timestamp(open.openedAt()))
          .put("patientVerified", open.patientVerified())
          .put("associatedAt", open.associatedAt() == null ? null : EventJson.timestamp(open.associatedAt()));
    } else {
      root.putNull("procedure");
    }
    // Between procedures: the last record, to print it.
    java.util.concurrent.CompletableFuture<java.util.Optional<Procedure>> last = open != null
        ? java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty()) : store.latestProcedure();
    Future.fromCompletionStage(last.thenCompose(latest -> {
      latest.filter(p -> p.state() == Procedure.State.CLOSED).ifPresent(p -> root.putObject("lastRecord")
          .put("id", p.id()).put("procedureType", p.procedureType()).put("closedAt", EventJson.timestamp(p.closedAt())));
      return open != null ? store.events(open.id())
            : store.latestEvents(RECENT_EVENTS).thenApply(recent -> recent.stream()
                .filter(e -> e.procedureId() == null).toList());
    }), ctx.vertx().getOrCreateContext())
        .onSuccess(shown -> {
          ArrayNode list = root.putArray("events");
          for (DeviceEvent e : shown) {
            list.add(view(e));
          }
          json(ctx, root);
        })
        .onFailure(e -> ctx.response().setStatusCode(503).end(e.getMessage()));
  }

  /** Whether the store takes data (a full disk stops it) and every device's status, from the room's status. */
  private ObjectNode status() {
    RoomStatus now = status.now();
    ObjectNode node = EventJson.MAPPER.createObjectNode();
    node.put("recording", now.storeError() == null).put("recordingError", now.storeError());
    ArrayNode links = node.putArray("charting");
    for (RoomStatus.Charting c : now.charting()) {
      links.addObject().put("queue", c.queue()).put("receiver", c.receiver()).put("connected", c.connected())
          .put("lastError", c.lastError()).put("pending", c.counts().getOrDefault("pending", 0L)).put("parked", c.parked());
    }
    // The room's next procedures, staff's and the RIS's: times and orders, no patient.
    ArrayNode schedule = node.putArray("schedule");
    store.scheduled().stream().limit(8).forEach(s -> schedule.addObject()
        .put("scheduledAt", EventJson.timestamp(s.scheduledAt())).put("procedureType", s.procedureType())
        .put("accessionNumber", s.accessionNumber()).put("source", s.source() == null ? "staff" : "ris"));
    ArrayNode list = node.putArray("devices");
    for (RoomStatus.Device device : now.devices()) {
      ObjectNode d = list.addObject().put("id", device.id());
      d.setAll(device.json());
      d.put("endpoint", device.endpoint()).put("bytesReceived", device.bytesReceived());
      if (device.lastError() != null) {
        d.putObject("lastError").put("reason", device.lastError().reason())
            .put("at", EventJson.timestamp(device.lastError().at()));
      }
      if (device.clockSkew().samples() > 0) {
        d.put("clockSkewMillis", Math.round(device.clockSkew().smoothedMillis()));
      }
    }
    return node;
  }

  private void thumbnail(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    if (!name.matches("[A-Za-z0-9._-]+\\.jpg") || name.startsWith(".")) {
      ctx.response().setStatusCode(400).end();
      return;
    }
    Path file = thumbnails.resolve(name);
    if (!Files.isRegularFile(file)) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    ctx.response().putHeader("content-type", "image/jpeg").putHeader("cache-control", "max-age=86400")
        .sendFile(file.toString());
  }

  /** An event as the page gets it: the feed's shape plus its timeline line, in the printed record's words. */
  static ObjectNode view(DeviceEvent e) {
    ObjectNode node = EventJson.toTree(e);
    node.put("summary", EventSummary.of(node));
    return node;
  }

  private static void json(RoutingContext ctx, com.fasterxml.jackson.databind.JsonNode node) {
    ctx.response().putHeader("content-type", "application/json").end(node.toString());
  }
}
