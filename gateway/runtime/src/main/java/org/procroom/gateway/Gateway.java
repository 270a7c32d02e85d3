package org.procroom.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.charting.QueueSender;
import org.procroom.gateway.charting.archive.ArchiveRouter;
import org.procroom.gateway.charting.archive.ArchiveSettings;
import org.procroom.gateway.charting.archive.DicomStoreDelivery;
import org.procroom.gateway.charting.archive.StowDelivery;
import org.procroom.gateway.drivers.ArchiveReports;
import org.procroom.gateway.charting.fhir.FhirDelivery;
import org.procroom.gateway.charting.fhir.FhirSettings;
import org.procroom.gateway.charting.hl7.Hl7Delivery;
import org.procroom.gateway.charting.hl7.Hl7Settings;
import org.procroom.gateway.charting.hl7.MdmOut;
import org.procroom.gateway.charting.hl7.Pcd01Out;
import org.procroom.gateway.charting.hl7.Ras017Out;
import org.procroom.gateway.charting.review.ChartingReview;
import org.procroom.gateway.config.GatewayConfig;
import org.procroom.gateway.drivers.DriverManager;
import org.procroom.gateway.drivers.OwnClasses;
import org.procroom.gateway.http.HttpApi;
import org.procroom.gateway.metrics.Metrics;
import org.procroom.gateway.mqtt.EmbeddedBroker;
import org.procroom.gateway.mqtt.FeedRouter;
import org.procroom.gateway.mqtt.MqttPublisher;
import org.procroom.gateway.mqtt.MqttSettings;
import org.procroom.gateway.mqtt.Topics;
import org.procroom.gateway.mqtt.WaveFeed;
import org.procroom.gateway.record.FhirBundle;
import org.procroom.gateway.record.PatientIdentification;
import org.procroom.gateway.record.Records;
import org.procroom.gateway.record.TpiRules;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.waves.WaveStore;
import org.procroom.gateway.web.RoomStatus;
import org.procroom.gateway.web.WebSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: wires the store, the records, the broker link, the drivers and the web
 * side from the configuration, starts them in order and stops them in reverse. No logic of its own.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(10);
  /** Segments that may wait for the wave writer: a minute of three monitors' waves. */
  private static final int WAVE_QUEUE = 20_000;

  private final GatewayConfig config;
  private final GatewayClock clock = GatewayClock.system();
  private final Metrics metrics = new Metrics();
  private final Vertx vertx;
  private final EventStore store;
  private final Records records;
  private final EmbeddedBroker embeddedBroker;
  private final MqttPublisher publisher;
  private final DriverManager drivers;
  private final WaveStore waves;
  private final WaveFeed waveFeed;
  private final HttpServer http;
  private final long pruneTimer;
  /** The links to the charting system: the interface engine's and the FHIR server's, as configured. */
  private final java.util.List<QueueSender> charting;

  private Gateway(GatewayConfig config, Path hivemqLib) {
    this.config = config;
    // Blocked-thread warnings after 2 s: nothing on the event loop may wait on I/O.
    this.vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(1000).setMaxEventLoopExecuteTime(2)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
    EventStore openedStore = null;
    EmbeddedBroker broker = null;
    Records openedRecords = null;
    WaveStore openedWaves = null;
    WaveFeed openedWaveFeed = null;
    java.util.List<QueueSender> openedCharting = new java.util.ArrayList<>();
    try {
      java.util.Optional<Hl7Settings> hl7 = Hl7Settings.from(config.charting().section("hl7"));
      java.util.Optional<FhirSettings> fhir = FhirSettings.from(config.charting().section("fhir"));
      boolean reviewed = config.charting().choice("review", ChartingReview.Mode.class, ChartingReview.Mode.EHR)
          == ChartingReview.Mode.GATEWAY;
      if (reviewed && hl7.isEmpty()) {
        throw new ConfigException(config.charting().key("review"), "gateway: a nurse releases the values charted over"
            + " HL7, so charting.hl7.url must name the interface engine");
      }

      String url = config.mqttUrl();
      if (url.isEmpty()) {
        broker = EmbeddedBroker.start(hivemqLib, config.dataDir(), config.embeddedBrokerHost(), config.embeddedBrokerPort());
        url = broker.url();
      }
      MqttSettings mqtt = MqttSettings.from(config.mqtt(), config.room(), url);
      Topics topics = new Topics(mqtt.topicPrefix(), config.room());
      openedStore = EventStore.open(config.dataDir().resolve("procroom.db"), config.room(), new FeedRouter(topics),
          new TpiRules(), new PatientIdentification(), config.storeBatchMax());
      this.store = openedStore;
      this.embeddedBroker = broker;
      store.currentProcedure().ifPresent(p -> LOG.info("resuming open procedure {} (record at {})", p.id(), p.lastRecordSeq()));
      ChartingReview review = reviewed ? new ChartingReview(store, clock, hl7.get().interval()) : null;
      openedRecords = new Records(store, clock, config.timeZone(), topics::fhirRecord, config.dataDir(),
          fhir.isPresent() ? java.util.List.of(FhirDelivery.QUEUE) : java.util.List.of(),
          fhir.map(FhirSettings::patientIdentifierSystem).orElse("urn:procroom:patient"),
          review == null ? id -> java.util.concurrent.CompletableFuture.completedFuture(FhirBundle.Values.UNVALIDATED)
              : review::releasedValues);
      this.records = openedRecords;
      if (hl7.isPresent()) {
        store.routeDeliveries(new Pcd01Out(hl7.get(), config.room(), clock, reviewed));
        store.routeDeliveries(new Ras017Out(hl7.get(), config.room(), clock));
        records.routeClosedRecords(new MdmOut(hl7.get(), config.room(), clock));
        records.routeClosedRecords(new org.procroom.gateway.charting.hl7.WaveformOut(hl7.get(), config.room(), clock));
        openedCharting.add(new Hl7Delivery(hl7.get(), store, clock));
      }
      fhir.ifPresent(f -> openedCharting.add(new FhirDelivery(f, store, clock)));
      java.util.List<ArchiveSettings> archives = ArchiveSettings.from(config.charting().section("archives"));
      ArchiveReports archiveReports = new ArchiveReports();
      if (!archives.isEmpty()) {
        store.routeDeliveries(new ArchiveRouter(archives));
        archives.forEach(a -> openedCharting.add(a.dicom()
            ? new DicomStoreDelivery(a, store, clock, config.dataDir(), archiveReports)
            : new StowDelivery(a, store, clock, config.dataDir())));
      }
      openedCharting.forEach(QueueSender::start);
      this.charting = java.util.List.copyOf(openedCharting);
      this.publisher = new MqttPublisher(vertx, mqtt, topics, store, metrics, clock);
      publisher.start();
      openedWaves = WaveStore.open(config.dataDir().resolve("waves.db"), WAVE_QUEUE);
      this.waves = openedWaves;
      openedWaveFeed = new WaveFeed(mqtt, topics);
      this.waveFeed = openedWaveFeed;
      waves.onSegment(waveFeed::publish);
      records.keepWaves(new Records.RecordWaves(waves, config.waveWindows(), config.recordRetention()));
      waveFeed.start();
      records.queueOwedBundles();
      this.drivers = new DriverManager(config.drivers(), vertx, clock, store, waves, metrics, config.dataDir(),
          archives.stream().map(ArchiveSettings::queue).toList(), archiveReports);
      drivers.startAll();
      RoomStatus.Source status = new RoomStatus.Source(config.room(), store, publisher, drivers, config.drivers(),
          this::chartingStatus, this::waveStatus);
      WebSettings web = new WebSettings(config.room(), config.dashboard(), config.httpTls(), config.dataDir(),
          config.timeZone());
      Runnable wakeCharting = () -> charting.forEach(QueueSender::wakeUp);
      this.http = new HttpApi(vertx, web, store, records, drivers, status, metrics, clock, wakeCharting, review, waves)
          .listen(config.httpHost(), config.httpPort()).await(10, TimeUnit.SECONDS);
      this.pruneTimer = vertx.setPeriodic(PRUNE_INTERVAL.toMillis(),
          id -> {
            records.prune(config.outboxRetention(), config.recordRetention());
            vertx.executeBlocking(() -> waves.prune(clock.now().minus(config.waveRetention())), false);
          });
      LOG.info("gateway for {} ready: http://{}:{} , broker {}, {} drivers, data in {}", config.room(),
          config.httpHost(), http.actualPort(), url, config.drivers().size(), config.dataDir());
    } catch (Exception e) {
      if (openedWaveFeed != null) {
        openedWaveFeed.close();
      }
      if (openedWaves != null) {
        openedWaves.close();
      }
      openedCharting.forEach(QueueSender::close);
      if (openedRecords != null) {
        openedRecords.close();
      }
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

  private RoomStatus.Waves waveStatus() {
    WaveStore.Counts c = waves.counts();
    WaveFeed.Counts live = waveFeed.counts();
    return new RoomStatus.Waves(c.samples(), c.gaps(), c.duplicates(), c.droppedSegments(), c.unwrittenRows(),
        waves.lastError(), live.published(), live.dropped());
  }

  private java.util.List<RoomStatus.Charting> chartingStatus() {
    return charting.stream().map(QueueSender::health)
        .map(h -> new RoomStatus.Charting(h.queue(), h.receiver(), h.connected(), h.lastError(), h.since(), h.counts()))
        .toList();
  }

  /** At a stop, what was committed last (the devices' stopped states) goes out while the broker is there. */
  private void awaitOutboxDrained(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (publisher.connected() && store.outboxDepth().get(1, TimeUnit.SECONDS) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("stopping: outbox depth unknown: {}", e.getMessage());
    }
  }

  public static Gateway start(GatewayConfig config, Path hivemqLib) {
    OwnClasses.load();
    return new Gateway(config, hivemqLib);
  }

  public GatewayConfig config() {
    return config;
  }

  public GatewayClock clock() {
    return clock;
  }

  public EventStore store() {
    return store;
  }

  public Metrics metrics() {
    return metrics;
  }

  public Records records() {
    return records;
  }

  public MqttPublisher publisher() {
    return publisher;
  }

  public WaveStore waves() {
    return waves;
  }

  public WaveFeed waveFeed() {
    return waveFeed;
  }

  public DriverManager drivers() {
    return drivers;
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
    awaitOutboxDrained(Duration.ofSeconds(5));
    try {
      http.close().await(5, TimeUnit.SECONDS);
      publisher.stop().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("stopping: {}", e.getMessage());
    }
    charting.forEach(QueueSender::close);
    waveFeed.close();
    waves.close();
    records.close();
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
