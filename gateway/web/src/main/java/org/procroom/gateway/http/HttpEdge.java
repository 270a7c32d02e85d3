package org.procroom.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.procroom.drivers.transport.Throttle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every HTTP request meets before the router: an HTTP/1.1 request without a Host header is
 * answered 400 (RFC 9112 3.2), a body announced larger than the limit 413 before a byte of it is
 * read; connections idle past a bound, or without a whole request head 20 s after connecting, are
 * closed; a failure inside a route is answered 500 and
 * logged once per peer per interval, without a stack trace per request.
 */
final class HttpEdge {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);
  static final int BODY_LIMIT = 64 * 1024;
  /** Dashboards get a status event every few seconds, so a live stream is never this idle. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

  /** A new connection must have sent a whole request head by then, or it is closed (slow-header peers). */
  static final Duration FIRST_REQUEST = Duration.ofSeconds(20);

  private final Throttle complaints = new Throttle(Duration.ofSeconds(60));
  private final java.util.Map<io.vertx.core.http.HttpConnection, Long> waiting =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Closes a connection that has not sent a complete request head within {@link #FIRST_REQUEST}. */
  Handler<io.vertx.core.http.HttpConnection> firstRequestDeadline(io.vertx.core.Vertx vertx) {
    return connection -> {
      long timer = vertx.setTimer(FIRST_REQUEST.toMillis(), id -> {
        if (waiting.remove(connection) != null) {
          connection.close();
        }
      });
      waiting.put(connection, timer);
      connection.closeHandler(v -> {
        Long t = waiting.remove(connection);
        if (t != null) {
          vertx.cancelTimer(t);
        }
      });
    };
  }

  static HttpServerOptions limits(HttpServerOptions options) {
    return options.setIdleTimeout((int) IDLE_TIMEOUT.toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxInitialLineLength(4096).setMaxHeaderSize(16 * 1024);
  }

  Handler<HttpServerRequest> front(Router router) {
    return request -> {
      Long timer = waiting.remove(request.connection());
      if (timer != null) {
        io.vertx.core.Vertx.currentContext().owner().cancelTimer(timer);
      }
      if (request.version() == HttpVersion.HTTP_1_1 && request.headers().get("host") == null) {
        complain(request, "HTTP/1.1 request without a Host header answered 400");
        request.response().setStatusCode(400).putHeader("connection", "close").end("a Host header is required\n");
        return;
      }
      String length = request.getHeader("content-length");
      if (length != null && tooLong(length)) {
        complain(request, "request body of " + length + " bytes over the limit of " + BODY_LIMIT + " answered 413");
        request.response().setStatusCode(413).putHeader("connection", "close")
            .end("request body over " + BODY_LIMIT + " bytes\n");
        request.connection().close();
        return;
      }
      router.handle(request);
    };
  }

  /** A route that failed: answered, and logged once per peer per interval. */
  void failed(io.vertx.ext.web.RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    String what = ctx.request().method() + " " + ctx.request().path() + " answered " + status
        + (failure == null ? "" : ": " + failure);
    complain(ctx.request(), what);
    if (!ctx.response().ended() && !ctx.response().closed()) {
      ctx.response().setStatusCode(status).end();
    }
  }

  private void complain(HttpServerRequest request, String what) {
    String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    long held = complaints.pass(peer);
    if (held >= 0) {
      LOG.warn("HTTP from {}: {}", peer, complaints.withCount(what, held));
    }
  }

  private static boolean tooLong(String length) {
    try {
      return Long.parseLong(length.trim()) > BODY_LIMIT;
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
