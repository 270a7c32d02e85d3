package org.procroom.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.procroom.gateway.api.ListenerCounts;
import org.procroom.gateway.metrics.Metrics;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.web.RoomStatus;

/** {@code /health} for the service's watchdog and {@code /metrics} for Prometheus, from one room status. */
final class StatusRoutes {
  private final RoomStatus.Source status;
  private final EventStore store;
  private final Metrics metrics;

  StatusRoutes(RoomStatus.Source status, EventStore store, Metrics metrics) {
    this.status = status;
    this.store = store;
    this.metrics = metrics;
  }

  void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(this::metrics);
  }

  private void health(RoutingContext ctx) {
    RoomStatus now = status.now();
    ObjectNode root = EventJson.MAPPER.createObjectNode();
    root.put("room", now.room());
    root.putObject("store").put("status", now.storeError() == null ? "UP" : "FAILING").put("lastError", now.storeError());
    root.putObject("mqtt").put("status", now.broker().state().name()).put("url", now.broker().url())
        .put("since", EventJson.timestamp(now.broker().since())).put("lastError", now.broker().lastError());
    ObjectNode drivers = root.putObject("drivers");
    for (RoomStatus.Device device : now.devices()) {
      ObjectNode d = drivers.putObject(device.id());
      d.setAll(device.json());
      if (device.clockSkew().samples() > 0) {
        d.putObject("clockSkew").put("lastMillis", device.clockSkew().lastMillis())
            .put("smoothedMillis", Math.round(device.clockSkew().smoothedMillis()))
            .put("samples", device.clockSkew().samples());
      }
    }
    if (!now.charting().isEmpty()) {
      ObjectNode charting = root.putObject("charting");
      for (RoomStatus.Charting c : now.charting()) {
        ObjectNode link = charting.putObject(c.queue()).put("receiver", c.receiver())
            .put("status", c.connected() ? "CONNECTED" : "DISCONNECTED").put("since", EventJson.timestamp(c.since()))
            .put("lastError", c.lastError());
        c.counts().forEach(link::put);
      }
    }
    RoomStatus.Waves w = now.waves();
    root.putObject("waves").put("status", w.lastError() == null ? "UP" : "FAILING").put("lastError", w.lastError())
        .put("samples", w.samples()).put("gaps", w.gaps()).put("duplicates", w.duplicates())
        .put("droppedSegments", w.droppedSegments()).put("unwrittenRows", w.unwrittenRows())
        .put("livePublished", w.livePublished()).put("liveDropped", w.liveDropped());
    root.put("status", now.overall());
    ctx.response().setStatusCode(now.storeError() != null ? 503 : 200).putHeader("content-type", "application/json")
        .end(root.toString());
  }

  private void metrics(RoutingContext ctx) {
    Future.fromCompletionStage(store.outboxDepth(), ctx.vertx().getOrCreateContext()).onComplete(depth -> {
      RoomStatus now = status.now();
      Map<String, String> states = new LinkedHashMap<>();
      Map<String, Double> skews = new LinkedHashMap<>();
      Map<String, List<ListenerCounts>> listeners = new LinkedHashMap<>();
      for (RoomStatus.Device d : now.devices()) {
        states.put(d.id(), d.status().state().name());
        if (d.clockSkew().samples() > 0) {
          skews.put(d.id(), d.clockSkew().smoothedMillis() / 1000.0);
        }
        if (!d.listeners().isEmpty()) {
          listeners.put(d.id(), d.listeners());
        }
      }
      long outbox = depth.succeeded() ? depth.result() : -1;
      Map<String, Map<String, Long>> deliveries = new java.util.TreeMap<>();
      Map<String, Boolean> connected = new java.util.TreeMap<>();
      for (RoomStatus.Charting c : now.charting()) {
        deliveries.put(c.queue(), c.counts());
        connected.put(c.queue(), c.connected());
      }
      String text = metrics.scrape(() -> new Metrics.Gauges(now.eventsCommitted(), outbox, now.brokerConnected(),
          states, skews, listeners, deliveries, connected));
      ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(text);
    });
  }
}
