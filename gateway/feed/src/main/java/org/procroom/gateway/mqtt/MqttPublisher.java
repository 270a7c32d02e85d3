package org.procroom.gateway.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.procroom.gateway.api.Backoff;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.metrics.Metrics;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.OutboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to the broker at QoS 1, in outbox order, with a bounded number in flight.
 * A message is confirmed in the store only when its PUBACK arrives; after any reconnect or
 * restart every unconfirmed message is published again (at-least-once; consumers de-duplicate by
 * event id). Paho is used as a plain connection: memory persistence, clean start, no automatic
 * reconnect and no offline buffer. Reconnecting with backoff is ours, on a Vert.x timer. All
 * state below is touched only on one Vert.x context.
 */
public final class MqttPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
  private static final int PAHO_MAX_INFLIGHT = 32202;
  private static final int PAHO_THREADS = 6;
  /** Outbox rows read at once while catching up. */
  private static final int READ_AHEAD = 512;

  public enum State { CONNECTING, CONNECTED, DISCONNECTED, STOPPED }

  /** What /health shows. */
  public record Health(State state, String url, String lastError, Instant since) {}

  private final Vertx vertx;
  private final MqttSettings settings;
  private final Topics topics;
  private final EventStore store;
  private final Metrics metrics;
  private final GatewayClock clock;
  private final Backoff backoff;
  private final ScheduledExecutorService pahoExecutor;
  private final AtomicBoolean pumpScheduled = new AtomicBoolean();
  private final AtomicInteger threadCount = new AtomicInteger();
  private final Map<Long, OutboxMessage> inFlight = new LinkedHashMap<>();
  private final List<Long> confirmedPending = new ArrayList<>();
  private Context context;
  private MqttAsyncClient client;
  private volatile State state = State.DISCONNECTED;
  private volatile String lastError;
  private volatile Instant since = Instant.now();
  private int window;
  private int session;
  private long cursor;
  private boolean fetching;
  private final ReadyQueue ready = new ReadyQueue();
  private final Presence presence;

  public MqttPublisher(Vertx vertx, MqttSettings settings, Topics topics, EventStore store, Metrics metrics,
      GatewayClock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.topics = topics;
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
    this.backoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax());
    this.presence = new Presence(topics, clock);
    this.window = settings.maxInFlight();
    // One pool for the publisher's whole life: Paho otherwise makes threads per connection, which
    // leak across reconnects. Its receiver, sender and callback loops each hold a thread while
    // connected, and the ping timer needs one more, so fewer than four threads deadlock the connect.
    this.pahoExecutor = Executors.newScheduledThreadPool(PAHO_THREADS, r -> {
      Thread t = new Thread(r, "mqtt-io-" + threadCount.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public Health health() {
    return new Health(state, settings.url(), lastError, since);
  }

  public boolean connected() {
    return state == State.CONNECTED;
  }

  public void start() {
    context = vertx.getOrCreateContext();
    store.onCommit(this::schedulePump);
    store.onOutbox(rows -> context.runOnContext(v -> offer(rows)));
    store.onHealth(error -> context.runOnContext(v -> announceRecording(error)));
    context.runOnContext(v -> {
      try {
        client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence(), null, pahoExecutor);
      } catch (MqttException e) {
        setState(State.STOPPED, "invalid broker URL " + settings.url() + ": " + e.getMessage());
        return;
      }
      client.setCallback(new Callback());
      connect();
    });
  }

  /** Publishes the offline status, disconnects and releases Paho's threads. */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      boolean wasConnected = state == State.CONNECTED;
      setState(State.STOPPED, null);
      vertx.executeBlocking(() -> {
        try {
          if (wasConnected) {
            client.publish(presence.topic(), presence.offline()).waitForCompletion(2000);
            client.disconnect(2000).waitForCompletion(3000);
          }
        } catch (MqttException e) {
          LOG.debug("disconnecting: {}", e.getMessage());
        }
        try {
          client.close(true);
        } catch (MqttException e) {
          LOG.debug("closing client: {}", e.getMessage());
        }
        pahoExecutor.shutdownNow();
        return null;
      }).onComplete(ar -> done.complete());
    });
    return done.future();
  }

  private void connect() {
    if (state == State.STOPPED) {
      return;
    }
    setState(State.CONNECTING, lastError);
    int attempt = ++session;
    try {
      client.connect(settings.connectionOptions(presence.topic(), presence.offline()), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          context.runOnContext(v -> onConnected(attempt));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          context.runOnContext(v -> onConnectionLost(attempt, "cannot connect to " + settings.url() + ": " + describe(failure)));
        }
      });
    } catch (MqttException e) {
      onConnectionLost(attempt, "cannot connect to " + settings.url() + ": " + describe(e));
    }
  }

  private void onConnected(int attempt) {
    if (attempt != session || state == State.STOPPED) {
      return;
    }
    LOG.info("connected to broker {}", settings.url());
    backoff.reset();
    lastError = null;
    setState(State.CONNECTED, null);
    inFlight.clear();
    cursor = 0;
    ready.drop();
    window = settings.maxInFlight();
    try {
      client.publish(presence.topic(), presence.online());
    } catch (MqttException e) {
      LOG.warn("publishing online status: {}", describe(e));
    }
    pump();
  }

  private void onConnectionLost(int attempt, String reason) {
    if (attempt != session || state == State.STOPPED) {
      return;
    }
    // A late notice of an earlier connection's loss can arrive after Paho connected again: take Paho
    // down too, or the next connect fails forever with "client is connected" (found by 200 cut cycles).
    if (client.isConnected()) {
      try {
        client.disconnectForcibly(0, 1000, false);
      } catch (MqttException e) {
        LOG.debug("forced disconnect: {}", describe(e));
      }
    }
    boolean wasConnected = state == State.CONNECTED;
    boolean newReason = !reason.equals(lastError);
    int inFlightBefore = inFlight.size();
    lastError = reason;
    inFlight.clear();
    ready.drop();
    setState(State.DISCONNECTED, reason);
    long delay = backoff.next().toMillis();
    // A long outage retries every reconnectMax: say so once per reason, not once per attempt.
    if (wasConnected) {
      LOG.warn("{}; {} messages in flight will be sent again", reason, inFlightBefore);
    } else if (newReason) {
      LOG.warn("broker unavailable: {}; retrying with backoff up to {}", reason, settings.reconnectMax());
    } else {
      LOG.debug("reconnecting to {} in {} ms ({})", settings.url(), delay, reason);
    }
    vertx.setTimer(delay, id -> connect());
  }

  private void schedulePump() {
    if (pumpScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> {
        pumpScheduled.set(false);
        pump();
      });
    }
  }

  /** The retained status says whether the gateway is recording; the charting system and screens see a full disk. */
  private void announceRecording(String error) {
    presence.storeError(error);
    if (state != State.CONNECTED) {
      return;
    }
    try {
      client.publish(presence.topic(), presence.online());
    } catch (MqttException e) {
      LOG.warn("publishing the recording status: {}", describe(e));
    }
  }

  /** Rows the store just committed: queued when caught up, else left to the next outbox read. */
  private void offer(List<OutboxMessage> rows) {
    if (!ready.caughtUp() || state != State.CONNECTED) {
      return;
    }
    if (ready.offer(rows, cursor)) {
      pump();
    }
  }

  /**
   * Fills the window from the queue, and refills the queue from the outbox table (reading ahead,
   * so that a backlog drains at the broker's pace, not one store round trip per window).
   */
  private void pump() {
    if (state != State.CONNECTED) {
      return;
    }
    while (inFlight.size() < window && !ready.isEmpty()) {
      if (!publish(session, ready.poll())) {
        ready.drop();
        break;
      }
    }
    if (ready.caughtUp() || fetching || ready.size() >= READ_AHEAD / 2) {
      return;
    }
    fetching = true;
    int current = session;
    int generation = ready.generation();
    long after = ready.after(cursor);
    store.pendingOutbox(after, READ_AHEAD).whenComplete((rows, failure) -> context.runOnContext(v -> {
      fetching = false;
      if (current != session || state != State.CONNECTED) {
        return;
      }
      if (generation != ready.generation()) {
        pump();
        return;
      }
      if (failure != null) {
        LOG.error("reading the outbox failed: {}", failure.getMessage());
        vertx.setTimer(1000, id -> pump());
        return;
      }
      ready.add(rows, cursor);
      // A short read returned everything committed so far; later commits arrive through offer().
      ready.caughtUp(rows.size() < READ_AHEAD);
      pump();
    }));
  }

  private boolean publish(int current, OutboxMessage row) {
    MqttMessage message = new MqttMessage(row.payload());
    message.setQos(1);
    message.setRetained(row.retained());
    try {
      client.publish(row.topic(), message, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          context.runOnContext(v -> onPubAck(current, row, token));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          context.runOnContext(v -> onPublishFailed(current, row, describe(failure)));
        }
      });
    } catch (MqttException e) {
      if (e.getReasonCode() == PAHO_MAX_INFLIGHT) {
        // The broker's receive maximum is below ours: shrink the window and carry on.
        window = Math.max(1, inFlight.size());
        return false;
      }
      onPublishFailed(current, row, describe(e));
      return false;
    }
    inFlight.put(row.seq(), row);
    cursor = row.seq();
    return true;
  }

  private void onPubAck(int current, OutboxMessage row, IMqttToken token) {
    if (current != session) {
      return;
    }
    int[] codes = token.getReasonCodes();
    if (codes != null) {
      for (int code : codes) {
        if (code >= 0x80) {
          metrics.publishRefused();
          onPublishFailed(current, row, "broker refused the message on " + row.topic() + " (reason code 0x"
              + Integer.toHexString(code) + ")");
          return;
        }
      }
    }
    inFlight.remove(row.seq());
    metrics.published(GatewayClock.toMicros(clock.now()) - row.createdMicros());
    confirmedPending.add(row.seq());
    if (confirmedPending.size() == 1) {
      context.runOnContext(v -> flushConfirmations());
    }
    pump();
  }

  private void flushConfirmations() {
    List<Long> batch = new ArrayList<>(confirmedPending);
    confirmedPending.clear();
    store.markConfirmed(batch, clock.now()).whenComplete((ok, failure) -> {
      if (failure != null) {
        // Unconfirmed rows are simply sent again after the next reconnect: a duplicate, never a loss.
        LOG.error("marking {} messages delivered failed: {}", batch.size(), failure.getMessage());
      }
    });
  }

  /** The message stays unconfirmed; a fresh session republishes everything from the oldest one. */
  private void onPublishFailed(int current, OutboxMessage row, String reason) {
    if (current != session || state != State.CONNECTED) {
      return;
    }
    LOG.error("publish of outbox message {} failed: {}", row.seq(), reason);
    lastError = reason;
    try {
      client.disconnectForcibly(0, 1000, false);
    } catch (MqttException e) {
      LOG.debug("forced disconnect: {}", e.getMessage());
    }
    onConnectionLost(current, reason);
  }

  private void setState(State next, String reason) {
    if (state != next) {
      since = Instant.now();
    }
    state = next;
    if (reason != null) {
      lastError = reason;
    }
  }

  private static String describe(Throwable t) {
    if (t instanceof MqttException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      Throwable cause = e.getCause();
      String detail = cause == null ? "" : ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
          : cause.getMessage());
      return message + " (reason " + e.getReasonCode() + ")" + detail;
    }
    return String.valueOf(t.getMessage());
  }

  private final class Callback extends MqttCallbackAdapter {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      int current = session;
      String reason = "connection to " + settings.url() + " lost: " + (response.getException() != null
          ? describe(response.getException()) : "the broker disconnected (reason code " + response.getReturnCode() + ")");
      context.runOnContext(v -> onConnectionLost(current, reason));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT protocol error: {}", describe(exception));
    }
  }
}
