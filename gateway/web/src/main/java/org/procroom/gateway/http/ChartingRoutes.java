package org.procroom.gateway.http;

import static org.procroom.gateway.http.Replies.body;
import static org.procroom.gateway.http.Replies.error;
import static org.procroom.gateway.http.Replies.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.QueuedDelivery;
import org.procroom.gateway.web.RoomStatus;

/**
 * The messages a charting receiver (the interface engine, the FHIR server) refused: listed per
 * queue, and sent again or given up by an operator with a reason ({@code GET /api/charting},
 * {@code POST /api/charting/{seq}/resend|drop}).
 */
final class ChartingRoutes {
  private final EventStore store;
  private final RoomStatus.Source status;
  private final GatewayClock clock;
  private final Runnable wakeSenders;

  ChartingRoutes(EventStore store, RoomStatus.Source status, GatewayClock clock, Runnable wakeSenders) {
    this.store = store;
    this.status = status;
    this.clock = clock;
    this.wakeSenders = wakeSenders;
  }

  void mount(Router router) {
    router.get("/api/charting").handler(this::list);
    router.post("/api/charting/:seq/resend").handler(ctx -> settle(ctx, false));
    router.post("/api/charting/:seq/drop").handler(ctx -> settle(ctx, true));
  }

  private void list(RoutingContext ctx) {
    CompletableFuture<ArrayNode> queues = CompletableFuture.completedFuture(EventJson.MAPPER.createArrayNode());
    for (RoomStatus.Charting link : status.now().charting()) {
      queues = queues.thenCompose(list -> store.deliveryCounts(link.queue())
          .thenCombine(store.deliveries(link.queue(), QueuedDelivery.PARKED), (counts, parked) -> {
            ObjectNode queue = list.addObject().put("queue", link.queue()).put("receiver", link.receiver());
            counts.forEach(queue.putObject("counts")::put);
            ArrayNode refused = queue.putArray("parked");
            parked.forEach(d -> refused.add(json(d)));
            return list;
          }));
    }
    reply(ctx, 200, queues.thenApply(list -> {
      ObjectNode root = EventJson.MAPPER.createObjectNode();
      root.set("queues", list);
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
    reply(ctx, 200, done.thenCompose(d -> {
      wakeSenders.run();
      // Outside the record: an audit entry of the operator's act, for the room's log and the feed.
      ObjectNode audit = EventJson.MAPPER.createObjectNode().put("queue", d.queue()).put("seq", d.seq())
          .put("messageKey", d.key()).put("procedureId", d.procedureId()).put("action", drop ? "drop" : "resend")
          .put("reason", drop ? reason : null).put("enteredBy", by).put("severity", "info");
      return store.append(ProcedureRoutes.STAFF, new EventDraft(EventTypes.CHARTING_OPERATOR, null, clock.now(), audit,
          true)).thenApply(event -> d);
    }), ChartingRoutes::json);
  }

  private static ObjectNode json(QueuedDelivery d) {
    return EventJson.MAPPER.createObjectNode().put("seq", d.seq()).put("queue", d.queue()).put("messageKey", d.key())
        .put("procedureId", d.procedureId()).put("state", d.state()).put("attempts", d.attempts())
        .put("lastError", d.lastError()).put("createdAt", EventJson.timestamp(d.createdAt()))
        .put("updatedAt", EventJson.timestamp(d.updatedAt()));
  }
}
