package org.procroom.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.dashboard.DashboardApi;
import org.procroom.gateway.dashboard.StaffAuth;
import org.procroom.gateway.drivers.DriverManager;
import org.procroom.gateway.metrics.Metrics;
import org.procroom.gateway.record.Records;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.web.RoomStatus;
import org.procroom.gateway.web.WebSettings;

/** The gateway's HTTP side: {@code /health}, {@code /metrics}, the procedure API and the dashboard (docs/http.md). */
public final class HttpApi {
  private final Vertx vertx;
  private final WebSettings settings;
  private final EventStore store;
  private final Records records;
  private final DriverManager drivers;
  private final RoomStatus.Source status;
  private final Metrics metrics;
  private final GatewayClock clock;
  private final Runnable wakeCharting;
  private final org.procroom.gateway.charting.review.ChartingReview review;

  /**
   * @param wakeCharting tells the charting links that an operator put a message back in line
   * @param review       the nurse's review of charted values, or null when the EHR validates them
   */
  private final org.procroom.gateway.waves.WaveStore waves;

  public HttpApi(Vertx vertx, WebSettings settings, EventStore store, Records records, DriverManager drivers,
      RoomStatus.Source status, Metrics metrics, GatewayClock clock, Runnable wakeCharting,
      org.procroom.gateway.charting.review.ChartingReview review, org.procroom.gateway.waves.WaveStore waves) {
    this.wakeCharting = wakeCharting;
    this.waves = waves;
    this.review = review;
    this.vertx = vertx;
    this.settings = settings;
    this.store = store;
    this.records = records;
    this.drivers = drivers;
    this.status = status;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Future<HttpServer> listen(String host, int port) {
    Router router = Router.router(vertx);
    HttpEdge edge = new HttpEdge();
    router.route().handler(BodyHandler.create().setBodyLimit(HttpEdge.BODY_LIMIT));
    router.route().failureHandler(edge::failed);
    StaffAuth auth = new StaffAuth(settings.dashboard(), clock, entry ->
        store.append(ProcedureRoutes.STAFF, new EventDraft(StaffAuth.SignIn.EVENT_TYPE, null, clock.now(), entry, true)));
    new DashboardApi(settings, store, status, auth, waves).mount(vertx, router);
    // Reads that carry patient data need a session when the room is not on public view.
    router.get("/api/procedures/*").handler(auth::requireForReads);
    router.get("/api/schedule").handler(auth::requireForReads);
    router.get("/api/charting").handler(auth::requireForReads);
    new StatusRoutes(status, store, metrics).mount(router);
    new ProcedureRoutes(settings.room(), store, records, drivers, clock, settings.timeZone(), settings.dataDir())
        .mount(router);
    new ChartingRoutes(store, status, clock, wakeCharting).mount(router);
    new ReviewRoutes(review).mount(router);
    return vertx.createHttpServer(HttpEdge.limits(serverOptions(settings.tls())))
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
}
