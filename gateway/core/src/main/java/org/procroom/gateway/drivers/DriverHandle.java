package org.procroom.gateway.drivers;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.DeviceStateChange;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.DriverStatus;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.api.ProcedureView;
import org.procroom.gateway.metrics.Metrics;
import org.procroom.gateway.store.EventSource;
import org.procroom.gateway.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One configured device: its driver (absent when its configuration is wrong), status and clock skew. */
public final class DriverHandle implements DriverContext {
  private static final Logger LOG = LoggerFactory.getLogger(DriverHandle.class);

  private final EventSource source;
  private final String type;
  private final Driver driver;
  private final Vertx vertx;
  private final GatewayClock clock;
  private final EventStore store;
  private final org.procroom.gateway.waves.WaveStore waves;
  /** The delivery queues of the site's archives ({@code archive.<name>}). */
  private final java.util.List<String> archiveQueues;
  private final ArchiveReports archiveReports;
  private final Metrics metrics;
  private final java.nio.file.Path dataDir;
  private final ClockSkew skew = new ClockSkew();
  private final WaveTimeline timeline = new WaveTimeline();
  /** Device threads report data and state at once: each change of the status is one step under this lock. */
  private final Object statusLock = new Object();
  private volatile DriverStatus status;
  private final java.util.concurrent.atomic.LongAdder bytesReceived = new java.util.concurrent.atomic.LongAdder();
  private volatile LastError lastError;
  /** Pause before restarting a driver that failed while running (a listener that could not go on). */
  private final org.procroom.gateway.api.Backoff restartBackoff = new org.procroom.gateway.api.Backoff(
      java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(5));
  private volatile boolean running;
  /** The latest state change handed to the store: a stop waits for it to be committed. */
  private volatile java.util.concurrent.CompletableFuture<?> lastStateRecorded =
      java.util.concurrent.CompletableFuture.completedFuture(null);
  private volatile long restartTimer = -1;
  private final java.util.concurrent.atomic.AtomicLong restarts = new java.util.concurrent.atomic.AtomicLong();

  /** The most recent reason the driver was not connected, kept after it recovers, for commissioning. */
  public record LastError(String reason, Instant at) {}

  DriverHandle(EventSource source, String type, Driver driver, Vertx vertx, GatewayClock clock, EventStore store,
      org.procroom.gateway.waves.WaveStore waves, Metrics metrics, java.nio.file.Path dataDir, DriverStatus initial, java.util.List<String> archiveQueues,
      ArchiveReports archiveReports) {
    this.dataDir = dataDir;
    this.archiveReports = archiveReports;
    this.archiveQueues = java.util.List.copyOf(archiveQueues);
    this.source = source;
    this.type = type;
    this.driver = driver;
    this.vertx = vertx;
    this.clock = clock;
    this.store = store;
    this.waves = waves;
    this.metrics = metrics;
    this.status = initial;
  }

  public String type() {
    return type;
  }

  /** The driver, or null when its configuration was refused. */
  public Driver driver() {
    return driver;
  }

  public DriverStatus status() {
    return status;
  }

  public long bytesReceived() {
    return bytesReceived.sum();
  }

  public LastError lastError() {
    return lastError;
  }

  @Override
  public void received(long bytes) {
    bytesReceived.add(bytes);
  }

  public ClockSkew.Snapshot clockSkew() {
    return skew.snapshot();
  }

  void start() {
    if (driver == null) {
      lastError = new LastError(status.reason(), status.since());
      recordState(status.state(), status.reason());
      return;
    }
    running = true;
    try {
      driver.start(this);
    } catch (RuntimeException e) {
      state(DriverState.FAILED, "driver did not start: " + e.getMessage());
    }
  }

  /** How often the driver was restarted after a failure. */
  public long restarts() {
    return restarts.get();
  }

  /** A running driver that failed is stopped and started again after a growing pause. */
  private void scheduleRestart() {
    if (!running || restartTimer >= 0) {
      return;
    }
    long delay = restartBackoff.next().toMillis();
    restartTimer = vertx.setTimer(delay, id -> vertx.executeBlocking(() -> {
      restartTimer = -1;
      if (!running || status.state() != DriverState.FAILED) {
        return null;
      }
      LOG.info("{}: restarting after a failure ({} s after it)", source.deviceId(), delay / 1000.0);
      restarts.incrementAndGet();
      try {
        driver.stop();
        driver.start(this);
      } catch (RuntimeException e) {
        state(DriverState.FAILED, "driver did not restart: " + e.getMessage());
      }
      return null;
    }, false));
  }

  /** Waits (bounded) until the latest state change is committed, so that it is in the outbox at a stop. */
  void awaitStateRecorded(java.time.Duration timeout) {
    try {
      lastStateRecorded.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.debug("{}: state change not committed in time: {}", source.deviceId(), e.toString());
    }
  }

  void stop() {
    running = false;
    if (restartTimer >= 0) {
      vertx.cancelTimer(restartTimer);
    }
    if (driver != null) {
      try {
        driver.stop();
      } catch (RuntimeException e) {
        LOG.warn("{}: stopping: {}", source.deviceId(), e.getMessage());
      }
    }
  }

  @Override
  public String deviceId() {
    return source.deviceId();
  }

  @Override
  public GatewayClock clock() {
    return clock;
  }

  @Override
  public java.nio.file.Path dataDir() {
    return dataDir;
  }

  @Override
  public CompletionStage<DeviceEvent> emit(EventDraft draft) {
    metrics.received(source.deviceId());
    if (draft.deviceTime() != null) {
      skew.sample(draft.deviceTime(), draft.receivedAt());
    }
    synchronized (statusLock) {
      DriverStatus s = status;
      status = new DriverStatus(s.state(), s.reason(), s.since(), draft.receivedAt());
    }
    return store.append(source, draft).whenComplete((event, failure) -> {
      if (failure != null) {
        metrics.storeFailed();
        LOG.error("{}: event {} not stored: {}", source.deviceId(), draft.type(), failure.getMessage());
      }
    });
  }

  @Override
  public void wave(org.procroom.gateway.api.WaveSegment segment) {
    if (segment.deviceTime() != null) {
      // the segment's end: its samples were sent as they were taken
      skew.sample(segment.deviceTime().plus(segment.span()), segment.receivedAt());
    }
    waves.accept(source.deviceId(), timeline.place(segment));
  }

  @Override
  public Optional<ProcedureView> procedure() {
    return store.currentProcedure().map(p -> new ProcedureView(p.id(), p.procedureType(), p.patientRef(),
        p.patientVerified(), p.patientName(), p.accessionNumber(), p.openedAt(), store.siteStudyUid(p.id())));
  }

  @Override
  public java.util.concurrent.CompletionStage<java.util.Map<String, String>> archived(String file) {
    if (archiveQueues.isEmpty()) {
      return java.util.concurrent.CompletableFuture.completedFuture(java.util.Map.of());
    }
    return store.deliveryStates(archiveQueues, file).thenApply(states -> {
      java.util.Map<String, String> out = new java.util.TreeMap<>();
      for (String queue : archiveQueues) {
        out.put(queue.substring(queue.indexOf('.') + 1), states.getOrDefault(queue, "none"));
      }
      return out;
    });
  }

  @Override
  public boolean archiveReport(String transactionUid, java.util.Map<String, Integer> outcomes) {
    return archiveReports.report(transactionUid, outcomes);
  }

  @Override
  public java.util.concurrent.CompletionStage<Integer> siteSchedule(java.util.List<org.procroom.gateway.api.ScheduledStep> steps) {
    return store.replaceSiteSchedule(source.deviceId(), steps);
  }

  @Override
  public java.util.List<ProcedureView> worklist() {
    java.util.List<ProcedureView> items = new java.util.ArrayList<>();
    procedure().ifPresent(items::add);
    store.scheduled().forEach(s -> items.add(new ProcedureView(s.id(), s.procedureType(), s.patientRef(), false,
        s.patientName(), s.accessionNumber(), s.scheduledAt(), s.studyUid())));
    return items;
  }

  @Override
  public void state(DriverState state, String reason) {
    synchronized (statusLock) {
      DriverStatus previous = status;
      if (previous.state() == state && Objects.equals(previous.reason(), reason)) {
        return;
      }
      status = new DriverStatus(state, reason, clock.now(), previous.lastDataAt());
    }
    if ((state == DriverState.FAILED || state == DriverState.RECONNECTING) && reason != null) {
      lastError = new LastError(reason, status.since());
    }
    recordState(state, reason);
    if (state == DriverState.CONNECTED) {
      restartBackoff.reset();
    } else if (state == DriverState.FAILED && driver != null) {
      scheduleRestart();
    }
  }

  private void recordState(DriverState state, String reason) {
    if (state == DriverState.FAILED) {
      LOG.error("{} ({}): {} - {}", source.deviceId(), type, state, reason);
    } else {
      LOG.info("{} ({}): {} - {}", source.deviceId(), type, state, reason);
    }
    Instant now = clock.now();
    lastStateRecorded = store.append(source,
        new EventDraft(DeviceStateChange.EVENT_TYPE, null, now, DeviceStateChange.of(state, reason)))
        .whenComplete((event, failure) -> {
          if (failure != null) {
            LOG.error("{}: state change not stored: {}", source.deviceId(), failure.getMessage());
          }
        });
  }
}
