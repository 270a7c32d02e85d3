package org.procroom.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.config.GatewayConfig;
import org.procroom.gateway.drivers.DriverManager;
import org.procroom.gateway.http.HttpApi;
import org.procroom.gateway.metrics.Metrics;
import org.procroom.gateway.mqtt.EmbeddedBroker;
import org.procroom.gateway.mqtt.FeedRouter;
import org.procroom.gateway.mqtt.MqttPublisher;
import org.procroom.gateway.mqtt.MqttSettings;
import org.procroom.gateway.mqtt.Topics;
import org.procroom.gateway.record.FhirBundle;
import org.procroom.gateway.record.PatientIdentification;
import org.procroom.gateway.record.TpiRules;
import org.procroom.gateway.store.Procedure;
import org.procroom.gateway.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running gateway: store, broker link, drivers and HTTP, started and stopped in order. */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final GatewayConfig config;
  private final GatewayClock clock = GatewayClock.system();
  private final Metrics metrics = new Metrics();
  private final Vertx vertx;
  private final EventStore store;
  private final EmbeddedBroker embeddedBroker;
  private final MqttPublisher publisher;
  private final DriverManager drivers;
  private final HttpServer http;
  private final long pruneTimer;
  private final Topics topics;

  private Gateway(GatewayConfig config, Path hivemqLib) {
    this.config = config;
    // Blocked-thread warnings after 2 s: nothing on the event loop may wait on I/O.
    this.vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(1000).setMaxEventLoopExecuteTime(2)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
    EventStore openedStore = null;
    EmbeddedBroker broker = null;
    try {
      String url = config.mqttUrl();
      if (url.isEmpty()) {
        broker = EmbeddedBroker.start(hivemqLib, config.dataDir(), config.embeddedBrokerHost(), config.embeddedBrokerPort());
        url = broker.url();
      }
      MqttSettings mqtt = MqttSettings.from(config.mqtt(), config.room(), url);
      this.topics = new Topics(mqtt.topicPrefix(), config.room());
      openedStore = EventStore.open(config.dataDir().resolve("procroom.db"), config.room(), new FeedRouter(topics),
          new TpiRules(), new PatientIdentification(), config.storeBatchMax());
      this.store = openedStore;
      this.embeddedBroker = broker;
      store.currentProcedure().ifPresent(p -> LOG.info("resuming open procedure {} (record at {})", p.id(), p.lastRecordSeq()));
      this.publisher = new MqttPublisher(vertx, mqtt, topics, store, metrics, clock);
      publisher.start();
      queueOwedBundles();
      this.drivers = new DriverManager(config.drivers(), vertx, clock, store, metrics, config.dataDir());
      drivers.startAll();
      this.http = new HttpApi(vertx, this).listen(config.httpHost(), config.httpPort())
          .await(10, TimeUnit.SECONDS);
      this.pruneTimer = vertx.setPeriodic(Duration.ofMinutes(10).toMillis(), id -> prune());
      LOG.info("gateway for {} ready: http://{}:{} , broker {}, {} drivers, data in {}", config.room(),
          config.httpHost(), http.actualPort(), url, config.drivers().size(), config.dataDir());
    } catch (Exception e) {
      if (openedStore != null) {
        openedStore.close();
      }
      if (broker != null) {
        broker.close();
      }
      vertx.close();
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Keeps the box's disk bounded: confirmed outbox rows, then whole records past their retention, with their files. */
  private void prune() {
    store.pruneConfirmed(clock.now().minus(config.outboxRetention()));
    store.pruneRecords(clock.now().minus(config.recordRetention())).thenAccept(pruned -> {
      if (pruned.events() > 0) {
        LOG.info("retention: removed {} closed records older than {} ({} events, {} files)", pruned.records(),
            config.recordRetention(), pruned.events(), pruned.files().size());
        vertx.executeBlocking(() -> {
          for (String file : pruned.files()) {
            java.nio.file.Files.deleteIfExists(config.dataDir().resolve(file));
          }
          return null;
        }).onFailure(e -> LOG.warn("retention: a file could not be removed: {}", e.getMessage()));
      }
    });
  }

  public static Gateway start(GatewayConfig config, Path hivemqLib) {
    org.procroom.gateway.drivers.OwnClasses.load();
    return new Gateway(config, hivemqLib);
  }

  public GatewayConfig config() {
    return config;
  }

  public GatewayClock clock() {
    return clock;
  }

  public Metrics metrics() {
    return metrics;
  }

  public EventStore store() {
    return store;
  }

  public MqttPublisher publisher() {
    return publisher;
  }

  public DriverManager drivers() {
    return drivers;
  }

  /**
   * Closes the procedure and queues its record as a FHIR bundle for the charting system. The
   * bundle is built off the event loop; it goes out through the outbox like every message.
   */
  public io.vertx.core.Future<Procedure> closeProcedure(String id) {
    return io.vertx.core.Future.fromCompletionStage(store.closeProcedure(id, clock.now()))
        .compose(closed -> queueBundle(closed).map(queued -> closed));
  }

  private io.vertx.core.Future<Void> queueBundle(Procedure closed) {
    return vertx.executeBlocking(() -> FhirBundle.json(closed, store.events(closed.id()).get()))
        .compose(json -> io.vertx.core.Future.fromCompletionStage(store.enqueueBundle(closed.id(),
            topics.fhirRecord(closed.id()), json.getBytes(java.nio.charset.StandardCharsets.UTF_8), clock.now())));
  }

  /** Pays the bundles of records closed just before the gateway last stopped. */
  private void queueOwedBundles() {
    io.vertx.core.Future.fromCompletionStage(store.owedBundles())
        .onFailure(e -> LOG.error("owed FHIR bundles could not be read: {}", e.getMessage()))
        .onSuccess(owed -> owed.forEach(p -> queueBundle(p)
            .onSuccess(done -> LOG.info("queued the FHIR bundle of record {}, closed before the last stop", p.id()))
            .onFailure(e -> LOG.error("the FHIR bundle of record {} could not be queued: {}", p.id(), e.getMessage()))));
  }

  public int httpPort() {
    return http.actualPort();
  }

  /** Stops drivers first, lets the outbox drain briefly, then closes the broker link and store. */
  @Override
  public void close() {
    LOG.info("gateway stopping");
    vertx.cancelTimer(pruneTimer);
    drivers.stopAll();
    try {
      http.close().await(5, TimeUnit.SECONDS);
      publisher.stop().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("stopping: {}", e.getMessage());
    }
    store.close();
    if (embeddedBroker != null) {
      embeddedBroker.close();
    }
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("closing Vert.x: {}", e.getMessage());
    }
  }
}
