package org.procroom.gateway.http;

import static org.procroom.gateway.http.Replies.body;
import static org.procroom.gateway.http.Replies.error;
import static org.procroom.gateway.http.Replies.reply;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.procroom.gateway.charting.review.ChartingReview;
import org.procroom.gateway.store.EventJson;

/**
 * The nurse's review of the charted values ({@code charting.review: gateway}): the flowsheet
 * ({@code GET /api/procedures/{id}/flowsheet}), a value marked as an artefact
 * ({@code POST .../flowsheet/artefacts}, or taken back) and the release of the values shown
 * ({@code POST .../flowsheet/release} with their event ids).
 * With the EHR validating (review {@code ehr}) there is nothing to review here: 404 says so.
 */
final class ReviewRoutes {
  private final ChartingReview review;

  /** {@code review}: null when the room's values are validated in the EHR. */
  ReviewRoutes(ChartingReview review) {
    this.review = review;
  }

  void mount(Router router) {
    router.get("/api/procedures/:id/flowsheet").handler(this::flowsheet);
    router.post("/api/procedures/:id/flowsheet/artefacts").handler(this::artefact);
    router.post("/api/procedures/:id/flowsheet/release").handler(this::release);
  }

  private boolean reviewed(RoutingContext ctx) {
    if (review == null) {
      error(ctx, 404, "this room's charted values are validated in the EHR (charting.review: ehr)");
      return false;
    }
    return true;
  }

  private void flowsheet(RoutingContext ctx) {
    if (reviewed(ctx)) {
      reply(ctx, 200, review.flowsheet(ctx.pathParam("id")), sheet -> sheet);
    }
  }

  private void artefact(RoutingContext ctx) {
    JsonNode body = reviewed(ctx) ? body(ctx) : null;
    if (body == null) {
      return;
    }
    String eventId = body.path("eventId").asText("").strip();
    String code = body.path("code").asText("").strip();
    String reason = body.path("reason").asText("").strip();
    String by = body.path("enteredBy").asText("").strip();
    if (eventId.isEmpty() || code.isEmpty() || reason.isEmpty() || by.isEmpty()) {
      error(ctx, 400, "eventId, code, reason and enteredBy are required to mark an artefact");
      return;
    }
    reply(ctx, 201, review.markArtefact(ctx.pathParam("id"), eventId, code, reason,
        body.path("withdraw").asBoolean(false), by, ProcedureRoutes.STAFF), EventJson::toTree);
  }

  private void release(RoutingContext ctx) {
    JsonNode body = reviewed(ctx) ? body(ctx) : null;
    if (body == null) {
      return;
    }
    String by = body.path("enteredBy").asText("").strip();
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    body.path("eventIds").forEach(id -> seen.add(id.asText()));
    if (by.isEmpty() || seen.isEmpty()) {
      error(ctx, 400, "enteredBy and eventIds (the held messages shown) are required to release the charted values");
      return;
    }
    reply(ctx, 201, review.release(ctx.pathParam("id"), seen, by, ProcedureRoutes.STAFF), EventJson::toTree);
  }
}
