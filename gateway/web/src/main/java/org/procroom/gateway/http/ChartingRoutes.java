package org.procroom.gateway.http;

import static org.procroom.gateway.http.Replies.body;
import static org.procroom.gateway.http.Replies.error;
import static org.procroom.gateway.http.Replies.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.QueuedDelivery;

/**
 * The messages the interface engine refused: listed, and sent again or given up by an operator
 * with a reason ({@code GET /api/charting}, {@code POST /api/charting/{seq}/resend|drop}).
 */
final class ChartingRoutes {
  private static final String QUEUE = "hl7";

  private final EventStore store;
  private final GatewayClock clock;
  private final Runnable wakeSender;

  ChartingRoutes(EventStore store, GatewayClock clock, Runnable wakeSender) {
    this.store = store;
    this.clock = clock;
    this.wakeSender = wakeSender;
  }

  void mount(Router router) {
    router.get("/api/charting").handler(this::list);
    router.post("/api/charting/:seq/resend").handler(ctx -> settle(ctx, false));
    router.post("/api/charting/:seq/drop").handler(ctx -> settle(ctx, true));
  }

  private void list(RoutingContext ctx) {
    reply(ctx, 200, store.deliveryCounts(QUEUE).thenCombine(store.deliveries(QUEUE, QueuedDelivery.PARKED),
        (counts, parked) -> {
          ObjectNode root = EventJson.MAPPER.createObjectNode().put("queue", QUEUE);
          counts.forEach(root.putObject("counts")::put);
          ArrayNode list = root.putArray("parked");
          parked.forEach(d -> list.add(json(d)));
          return root;
        }), node -> node);
  }

  private void settle(RoutingContext ctx, boolean drop) {
    JsonNode body = body(ctx);
    if (body == null) {
      return;
    }
    long seq;
    try {
      seq = Long.parseLong(ctx.pathParam("seq"));
    } catch (NumberFormatException e) {
      error(ctx, 400, "seq: expected the number of a queued message");
      return;
    }
    String by = body.path("enteredBy").asText("").strip();
    String reason = body.path("reason").asText("").strip();
    if (by.isEmpty() || (drop && reason.isEmpty())) {
      error(ctx, 400, drop ? "reason and enteredBy are required to drop a message" : "enteredBy is required");
      return;
    }
    CompletionStage<QueuedDelivery> done = drop
        ? store.drop(seq, reason + " (dropped by " + by + ")", clock.now())
        : store.resend(seq, clock.now());
    reply(ctx, 200, done.thenApply(d -> {
      wakeSender.run();
      return d;
    }), ChartingRoutes::json);
  }

  private static ObjectNode json(QueuedDelivery d) {
    return EventJson.MAPPER.createObjectNode().put("seq", d.seq()).put("messageKey", d.key())
        .put("procedureId", d.procedureId()).put("state", d.state()).put("attempts", d.attempts())
        .put("lastError", d.lastError()).put("createdAt", EventJson.timestamp(d.createdAt()))
        .put("updatedAt", EventJson.timestamp(d.updatedAt()));
  }
}
