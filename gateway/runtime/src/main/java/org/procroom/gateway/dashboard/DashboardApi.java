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
import java.util.List;
import java.util.Map;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.drivers.ClockSkew;
import org.procroom.gateway.drivers.DriverHandle;
import org.procroom.gateway.record.EventSummary;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;

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

  private final Gateway gateway;
  private final StaffAuth auth;
  private final LiveFeed feed = new LiveFeed();
  private final Path thumbnails;

  public DashboardApi(Gateway gateway, StaffAuth auth) {
    this.gateway = gateway;
    this.auth = auth;
    this.thumbnails = gateway.config().dataDir().resolve("dicom").resolve("thumbnails");
    gateway.store().onEvents(feed::events);
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
    root.put("room", gateway.config().room());
    root.setAll(status());
    Procedure open = gateway.store().currentProcedure().orElse(null);
    if (open != null) {
      root.putObject("procedure").put("id", open.id()).put("procedureType", open.procedureType())
          .put("phase", open.phase()).put("openedAt", EventJson.timestamp(open.openedAt()))
          .put("patientVerified", open.patientVerified());
    } else {
      root.putNull("procedure");
    }
    Future.fromCompletionStage(open != null ? gateway.store().events(open.id())
            : gateway.store().latestEvents(RECENT_EVENTS).thenApply(latest -> latest.stream()
                .filter(e -> e.procedureId() == null).toList()), ctx.vertx().getOrCreateContext())
        .onSuccess(shown -> {
          ArrayNode list = root.putArray("events");
          for (DeviceEvent e : shown) {
            list.add(view(e));
          }
          json(ctx, root);
        })
        .onFailure(e -> ctx.response().setStatusCode(503).end(e.getMessage()));
  }

  /** Whether the store takes data (a full disk stops it) and every device's status. */
  private ObjectNode status() {
    ObjectNode node = EventJson.MAPPER.createObjectNode();
    String storeError = gateway.store().lastError();
    node.put("recording", storeError == null).put("recordingError", storeError);
    node.set("devices", devices());
    return node;
  }

  /** Every configured device: state, where it is connected, what it sent, its last error. */
  private ArrayNode devices() {
    ArrayNode list = EventJson.MAPPER.createArrayNode();
    for (Map.Entry<String, DriverHandle> entry : gateway.drivers().handles().entrySet()) {
      DriverHandle h = entry.getValue();
      ObjectNode d = list.addObject();
      d.put("id", entry.getKey()).put("type", h.type()).put("state", h.status().state().name())
          .put("reason", h.status().reason()).put("since", EventJson.timestamp(h.status().since()))
          .put("lastDataAt", h.status().lastDataAt() == null ? null : EventJson.timestamp(h.status().lastDataAt()))
          .put("endpoint", endpoint(gateway.config().drivers().get(entry.getKey())))
          .put("bytesReceived", h.bytesReceived());
      DriverHandle.LastError error = h.lastError();
      if (error != null) {
        d.putObject("lastError").put("reason", error.reason()).put("at", EventJson.timestamp(error.at()));
      }
      ClockSkew.Snapshot skew = h.clockSkew();
      if (skew.samples() > 0) {
        d.put("clockSkewMillis", Math.round(skew.smoothedMillis()));
      }
    }
    return list;
  }

  /** Where the device is reached, in the configuration's words: a port, a USB id, a listener and AE title. */
  static String endpoint(DriverSettings s) {
    if (s == null) {
      return "";
    }
    if (s.has("bindAddress")) {
      String listener = s.string("bindAddress") + ":" + s.string("port", "?");
      String ae = s.has("aeTitle") ? " AE " + s.string("aeTitle") : "";
      String mpps = s.has("mppsPort") ? ", MPPS :" + s.string("mppsPort") : "";
      return "listens on " + listener + ae + mpps;
    }
    if (s.string("transport", "serial").equalsIgnoreCase("tcp")) {
      return "tcp://" + s.string("host", "?") + ":" + s.string("tcpPort", "?");
    }
    if (s.has("port")) {
      return s.string("port") + (s.has("baud") ? " @ " + s.string("baud") + " baud" : "");
    }
    DriverSettings usb = s.section("usb");
    return usb.has("vendorId") ? "usb " + usb.string("vendorId") + ":" + usb.string("productId", "?") : "";
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
