package org.procroom.gateway.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.Procedure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a record after its last entry: it is closed, its FHIR bundle is queued for the
 * charting system through the outbox (and paid at the next start if the gateway stopped between
 * the two), and past its retention it leaves the box with its files.
 */
public final class Records implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Records.class);

  private final EventStore store;
  private final GatewayClock clock;
  private final Function<String, String> bundleTopic;
  private final Path dataDir;
  private final List<String> bundleQueues;
  private final String patientSystem;
  private final Function<String, CompletionStage<FhirBundle.Values>> values;
  private final java.time.ZoneId timeZone;
  private volatile RecordWaves waves;
  private final List<ClosedRecordRouter> closedRouters = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Bundles are built and files removed here, never on a caller's thread. */
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "records");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param timeZone     the room's, for the report as printed
   * @param bundleTopic  the topic of a record's bundle, from its procedure id
   * @param bundleQueues the delivery queues that take each bundle too (the FHIR server's), maybe none
   * @param patientSystem the identifier system of the site's patient ids in the bundle
   * @param values        which device values of a record its bundle holds (all, or those a nurse released)
   */
  public Records(EventStore store, GatewayClock clock, java.time.ZoneId timeZone, Function<String, String> bundleTopic,
      Path dataDir, List<String> bundleQueues, String patientSystem,
      Function<String, CompletionStage<FhirBundle.Values>> values) {
    this.timeZone = timeZone;
    this.values = values;
    this.bundleQueues = List.copyOf(bundleQueues);
    this.patientSystem = patientSystem;
    this.store = store;
    this.clock = clock;
    this.bundleTopic = bundleTopic;
    this.dataDir = dataDir;
  }

  /** Where the record's waveform windows come from, how wide they are, and how long they are held. */
  public record RecordWaves(org.procroom.gateway.waves.WaveStore store, org.procroom.gateway.waves.WaveWindows windows,
      Duration held) {}

  /** From now on, each closed record holds its waveform windows and carries them to the chart. */
  public void keepWaves(RecordWaves recordWaves) {
    this.waves = recordWaves;
  }

  /** Closes the procedure and queues its record as a FHIR bundle; completes once both are committed. */
  public CompletionStage<Procedure> close(String procedureId) {
    return store.closeProcedure(procedureId, clock.now()).thenCompose(closed -> queueBundle(closed).thenApply(q -> closed));
  }

  private CompletionStage<Void> queueBundle(Procedure closed) {
    // A record whose patient was never identified (no wristband, no worklist) is not the chart's.
    List<String> queues = closed.associatedAt() == null ? List.of() : bundleQueues;
    if (closed.associatedAt() == null && !bundleQueues.isEmpty()) {
      LOG.warn("record {} closed without an identified patient: not sent to the FHIR server", closed.id());
    }
    return store.events(closed.id()).thenCombine(values.apply(closed.id()), Contents::new)
        .thenApplyAsync(c -> {
          // The chart's copy of the report holds the values the bundle holds (with a nurse's review: those released).
          List<org.procroom.gateway.waves.StoredWave> strips = waveStrips(closed, c.events());
          byte[] pdf = reportOrNone(closed, charted(c.events(), c.values()), strips);
          byte[] json = FhirBundle.json(closed, c.events(), patientSystem, c.values(), pdf, strips)
              .getBytes(StandardCharsets.UTF_8);
          List<org.procroom.gateway.store.DeliveryRouter.Delivery> alongside = new java.util.ArrayList<>();
          if (closed.associatedAt() != null) {
            closedRouters.forEach(r -> alongside.addAll(r.deliveries(closed, pdf, strips)));
          }
          return new Queued(json, alongside);
        }, worker)
        .thenCompose(q -> store.enqueueBundle(closed.id(), bundleTopic.apply(closed.id()), q.bundle(), clock.now(), queues,
            q.alongside()));
  }

  /**
   * The record's waveform windows, held in the wave store as long as the record is kept, as strips
   * of the devices that took part in it. A window still open at the close ends there.
   */
  private List<org.procroom.gateway.waves.StoredWave> waveStrips(Procedure closed,
      List<org.procroom.gateway.api.DeviceEvent> events) {
    RecordWaves w = waves;
    if (w == null) {
      return List.of();
    }
    try {
      List<org.procroom.gateway.waves.WaveWindow> windows = w.windows().of(events);
      if (windows.isEmpty()) {
        return List.of();
      }
      w.store().flush();
      w.store().hold(closed.id(), windows, clock.now().plus(w.held()));
    } catch (RuntimeException e) {
      LOG.error("record {}: its waveform windows could not be held ({}): the chart gets the record without them",
          closed.id(), e.getMessage());
      return List.of();
    }
    return waveStrips(events);
  }

  /** The waveform windows of a record's events as strips (for a report printed before or after its close). */
  public List<org.procroom.gateway.waves.StoredWave> waveStrips(List<org.procroom.gateway.api.DeviceEvent> events) {
    RecordWaves w = waves;
    if (w == null) {
      return List.of();
    }
    try {
      return org.procroom.gateway.waves.WaveStrips.ofRecord(w.store(), w.windows().of(events), events);
    } catch (RuntimeException e) {
      LOG.error("the waveform windows could not be read: {}", e.getMessage());
      return List.of();
    }
  }

  /** The record with each vitals event holding only the values {@code values} includes. */
  private static List<org.procroom.gateway.api.DeviceEvent> charted(List<org.procroom.gateway.api.DeviceEvent> events,
      FhirBundle.Values values) {
    List<org.procroom.gateway.api.DeviceEvent> out = new java.util.ArrayList<>(events.size());
    for (org.procroom.gateway.api.DeviceEvent e : events) {
      if (!e.type().equals(org.procroom.gateway.api.EventTypes.VITALS_OBSERVATION)) {
        out.add(e);
        continue;
      }
      com.fasterxml.jackson.databind.node.ObjectNode payload = e.payload().deepCopy();
      com.fasterxml.jackson.databind.node.ArrayNode kept = payload.putArray("observations");
      e.payload().path("observations").forEach(o -> {
        if (values.included().test(e.eventId(), o.path("code").asText())) {
          kept.add(o);
        }
      });
      out.add(new org.procroom.gateway.api.DeviceEvent(e.eventId(), e.seq(), e.room(), e.procedureId(), e.recordSeq(),
          e.deviceId(), e.deviceKind(), e.type(), e.deviceTime(), e.receivedAt(), payload));
    }
    return out;
  }

  private record Queued(byte[] bundle, List<org.procroom.gateway.store.DeliveryRouter.Delivery> alongside) {}

  /** A charting system's share of each closed record besides the bundle (e.g. the report as an MDM^T02). */
  public void routeClosedRecords(ClosedRecordRouter router) {
    closedRouters.add(router);
  }

  /**
   * The report for the chart, or null when it cannot be rendered here (a box without the fonts'
   * libraries): the record closes and its bundle goes without it, and the log says why.
   */
  private byte[] reportOrNone(Procedure closed, List<org.procroom.gateway.api.DeviceEvent> events,
      List<org.procroom.gateway.waves.StoredWave> strips) {
    try {
      return report(closed, events, strips);
    } catch (RuntimeException | LinkageError e) {
      LOG.error("record {}: its report could not be rendered ({}): the chart gets the record without it", closed.id(),
          e.toString());
      return null;
    }
  }

  /** The clinical report as the room prints it (in the room's time zone), for the chart. */
  private byte[] report(Procedure closed, List<org.procroom.gateway.api.DeviceEvent> events,
      List<org.procroom.gateway.waves.StoredWave> strips) {
    return org.procroom.gateway.record.report.ReportPdf.pdf(org.procroom.gateway.record.report.ClinicalReport.xhtml(
        closed, events, timeZone, dataDir, strips), org.procroom.gateway.record.report.ReportPdf.Paper.A4);
  }

  private record Contents(List<org.procroom.gateway.api.DeviceEvent> events, FhirBundle.Values values) {}

  /** Pays the bundles of records closed just before the gateway last stopped. */
  public void queueOwedBundles() {
    store.owedBundles().whenComplete((owed, failure) -> {
      if (failure != null) {
        LOG.error("owed FHIR bundles could not be read: {}", failure.getMessage());
        return;
      }
      owed.forEach(p -> queueBundle(p).whenComplete((done, e) -> {
        if (e == null) {
          LOG.info("queued the FHIR bundle of record {}, closed before the last stop", p.id());
        } else {
          LOG.error("the FHIR bundle of record {} could not be queued: {}", p.id(), e.getMessage());
        }
      }));
    });
  }

  /** Keeps the box's disk bounded: confirmed outbox rows, then whole records past their retention, with their files. */
  public CompletableFuture<EventStore.PrunedRecords> prune(Duration outboxRetention, Duration recordRetention) {
    store.pruneConfirmed(clock.now().minus(outboxRetention));
    return store.pruneRecords(clock.now().minus(recordRetention)).thenApplyAsync(pruned -> {
      if (pruned.events() > 0) {
        LOG.info("retention: removed {} closed records older than {} ({} events, {} files)", pruned.records(),
            recordRetention, pruned.events(), pruned.files().size());
        for (String file : pruned.files()) {
          try {
            Files.deleteIfExists(dataDir.resolve(file));
          } catch (IOException e) {
            LOG.warn("retention: {} could not be removed: {}", file, e.getMessage());
          }
        }
      }
      return pruned;
    }, worker);
  }

  @Override
  public void close() {
    worker.shutdown();
  }
}
