package org.procroom.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.procroom.gateway.dashboard.StaffAuth;
import org.procroom.gateway.store.EventJson;

/** Reading requests and answering them, the same way on every route. */
final class Replies {
  private Replies() {}

  /**
   * Answers with the work's result, rendered; a request naming what is not there is 400, a refused
   * operation 409, anything else that failed 503.
   */
  static <T> void reply(RoutingContext ctx, int status, CompletionStage<T> work, Function<T, JsonNode> render) {
    Future.fromCompletionStage(work, ctx.vertx().getOrCreateContext()).onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, status, render.apply(ar.result()));
      } else {
        Throwable cause = ar.cause() instanceof CompletionException && ar.cause().getCause() != null
            ? ar.cause().getCause() : ar.cause();
        error(ctx, cause instanceof IllegalArgumentException ? 400 : cause instanceof IllegalStateException ? 409 : 503,
            cause.getMessage());
      }
    });
  }

  /** The request's JSON body (an empty object when there is none), or null after answering 400. */
  static JsonNode body(RoutingContext ctx) {
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

  static String text(JsonNode body, String field) {
    return body.hasNonNull(field) ? body.get(field).asText() : null;
  }

  static void json(RoutingContext ctx, int status, JsonNode node) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(node.toString());
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, EventJson.MAPPER.createObjectNode().put("error", message));
  }
}
