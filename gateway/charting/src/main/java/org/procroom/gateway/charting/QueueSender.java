package org.procroom.gateway.charting;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.procroom.gateway.api.Backoff;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.api.Severity;
import org.procroom.gateway.store.EventSource;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.QueuedDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one delivery queue toward one receiver, oldest first, one message in flight: what the
 * receiver accepted is delivered; what it refused is parked with its words and an alert (an
 * operator resends or drops it); anything else (no answer, a dropped link, a busy server) sends the
 * same message again after a growing pause. Runs on a thread of its own: a slow or absent receiver
 * never touches device intake. Subclasses are the transports.
 */
public abstract class QueueSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueueSender.class);
  private static final EventSource CHARTING = new EventSource("charting", "charting");

  /** What /health and the dashboard show of the link. */
  public record Health(String queue, String receiver, boolean connected, String lastError, Instant since,
      Map<String, Long> counts) {}

  /** What became of one attempt. */
  protected sealed interface Outcome {
    /** The receiver took it; {@code receipt} says how, for the log. */
    record Delivered(String receipt) implements Outcome {}

    /** The receiver read it and will not take it: sending it again would change nothing. */
    record Refused(String reason) implements Outcome {}

    /** Nothing definite came back: the same message goes again. */
    record NotDelivered(String reason) implements Outcome {}
  }

  protected final EventStore store;
  protected final GatewayClock clock;
  private final String queue;
  private final Backoff backoff;
  private final Object wake = new Object();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean connected;
  private volatile String lastError;
  private volatile Instant since;
  /** The queue's counts as last read by the sender's thread: /health never waits on the store. */
  private volatile Map<String, Long> counts = Map.of();
  private long countedAt = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);

  protected QueueSender(String queue, EventStore store, GatewayClock clock, Duration retryInitial, Duration retryMax) {
    this.queue = queue;
    this.store = store;
    this.clock = clock;
    this.backoff = new Backoff(retryInitial, retryMax);
    this.since = clock.now();
    this.thread = new Thread(this::run, queue + "-delivery");
    thread.setDaemon(true);
  }

  /** One attempt at the receiver; blocking I/O is fine here, on the sender's own thread. */
  protected abstract Outcome send(QueuedDelivery message) throws InterruptedException;

  /** Who the receiver is, in the configuration's words (no credentials). */
  protected abstract String receiver();

  /**
   * With nothing to send: keeps the link up where one is kept, so /health tells of an unreachable
   * receiver before a value waits. Returns why it could not, or null.
   */
  protected String idle() {
    return null;
  }

  /** After an attempt that settled nothing: the link is not trusted any more. */
  protected void disconnect() {}

  public final void start() {
    store.onCommit(this::wakeUp);
    thread.start();
  }

  /** Sends what waits now rather than at the next poll (a commit, an operator's resend). */
  public final void wakeUp() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  public final Health health() {
    return new Health(queue, receiver(), connected, lastError, since, counts);
  }

  public final String queue() {
    return queue;
  }

  private void run() {
    while (running) {
      try {
        if (System.nanoTime() - countedAt > TimeUnit.SECONDS.toNanos(1)) {
          // At most once a second: a backlog drains without a count of the whole queue per message.
          recount();
        }
        Optional<QueuedDelivery> next = store.nextDelivery(queue).get(10, TimeUnit.SECONDS);
        if (next.isEmpty()) {
          String down = idle();
          if (down != null) {
            state(false, down);
            pause();
            continue;
          }
          synchronized (wake) {
            wake.wait(1000);
          }
          continue;
        }
        settle(next.get(), send(next.get()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (running) {
          LOG.error("{} delivery: {}", queue, e.toString());
          pause();
        }
      }
    }
  }

  private void settle(QueuedDelivery row, Outcome outcome) throws Exception {
    if (outcome instanceof Outcome.Delivered d) {
      store.delivered(row.seq(), clock.now()).get(10, TimeUnit.SECONDS);
      LOG.debug("{} message {} delivered: {}", queue, row.key(), d.receipt());
      backoff.reset();
      state(true, null);
      lastError = null;
    } else if (outcome instanceof Outcome.Refused r) {
      park(row, r.reason());
    } else if (outcome instanceof Outcome.NotDelivered n) {
      disconnect();
      state(false, n.reason());
      if (row.attempts() == 0 || !n.reason().equals(row.lastError())) {
        LOG.warn("{} message {} not delivered: {}; sending it again", queue, row.key(), n.reason());
      }
      store.unacknowledged(row.seq(), n.reason(), clock.now()).get(10, TimeUnit.SECONDS);
      pause();
    }
  }

  private void park(QueuedDelivery row, String reason) throws Exception {
    // The receiver's words may name the patient: in the log only its code (AE, HTTP 422), the words in the queue.
    int colon = reason.indexOf(':');
    LOG.warn("{} refused {} message {} ({}); parked for an operator, its reason in GET /api/charting", receiver(), queue,
        row.key(), colon < 0 ? reason : reason.substring(0, colon));
    LOG.debug("{} message {} refused: {}", queue, row.key(), reason);
    store.parked(row.seq(), reason, clock.now()).get(10, TimeUnit.SECONDS);
    // Parked is what an operator must see at once: counted now, not at the next second.
    recount();
    // Outside the record: the open procedure may be another patient's by now.
    store.append(CHARTING, new EventDraft(EventTypes.CHARTING_PARKED, null, clock.now(),
        new Parked(queue, row.seq(), row.key(), row.procedureId(), reason, Severity.WARNING), true))
        .whenComplete((event, failure) -> {
          if (failure != null) {
            LOG.error("the alert for parked {} message {} was not stored: {}", queue, row.key(), failure.getMessage());
          }
        });
  }

  private void recount() throws Exception {
    counts = store.deliveryCounts(queue).get(10, TimeUnit.SECONDS);
    countedAt = System.nanoTime();
  }

  /** Payload of {@code charting.parked}: which message the receiver refused, and its words. */
  record Parked(String queue, long seq, String messageKey, String procedureId, String reason, Severity severity) {}

  /** The link is up (a connection made, an answer read) or down, and why. */
  protected final void state(boolean up, String error) {
    if (up != connected) {
      since = clock.now();
    }
    connected = up;
    if (error != null) {
      lastError = error;
    }
  }

  private void pause() {
    try {
      Thread.sleep(backoff.next().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  protected final boolean running() {
    return running;
  }

  /** Ends the thread; {@link #unblock()} ends a blocking read it may be in. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
      if (thread.isAlive()) {
        unblock();
        thread.join(3000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Called when the thread did not end by itself: closes what it may be blocked on. */
  protected void unblock() {
    disconnect();
  }
}
