package org.procroom.gateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.procroom.gateway.api.DeviceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the connection. It commits whatever is queued as one transaction (group
 * commit), each operation under its own savepoint so a bad one fails alone, and completes each
 * operation's future only after the commit: the moment a driver may acknowledge its device. What a
 * batch inserted is handed to listeners once it is durable.
 */
final class StoreWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
  /** How long deferrable work waits for a device's event to share its commit (and its fsync). */
  private static final long DEFER_MS = 250;

  @FunctionalInterface
  interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Brings in-memory state (the open procedure) back in line with the database after a rollback. */
  @FunctionalInterface
  interface Resync {
    void reload(Connection c) throws SQLException;
  }

  /** {@code deferrable}: may wait for other work to share its commit (losing it costs a re-send, not data). */
  private record Op<T>(Work<T> work, CompletableFuture<T> result, boolean deferrable) {
    void fail(Throwable t) {
      result.completeExceptionally(t);
    }
  }

  /** Replaced only on the writer thread, when a failed transaction left the old one unusable. */
  private Connection conn;
  private final Path file;
  private final int batchMax;
  private final Resync resync;
  private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean open = true;
  /** Events inserted by the batch being committed, handed to listeners once it is durable. */
  private final List<DeviceEvent> insertedInBatch = new ArrayList<>();
  /** Outbox rows inserted by the batch being committed, handed to the publisher once durable. */
  private final List<OutboxMessage> outboxInBatch = new ArrayList<>();
  private final List<Consumer<List<DeviceEvent>>> eventListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<List<OutboxMessage>>> outboxListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> healthListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
  private volatile String lastError;
  private final LongAdder eventsCommitted = new LongAdder();

  StoreWriter(Path file, Connection conn, int batchMax, Resync resync) {
    this.file = file;
    this.conn = conn;
    this.batchMax = batchMax;
    this.resync = resync;
    this.thread = new Thread(this::writeLoop, "store-writer");
    thread.setDaemon(true);
    thread.start();
  }

  <T> CompletableFuture<T> submit(Work<T> work) {
    return submit(work, false);
  }

  <T> CompletableFuture<T> submit(Work<T> work, boolean deferrable) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (!open) {
      result.completeExceptionally(new StoreException("the store is closed"));
      return result;
    }
    queue.add(new Op<>(work, result, deferrable));
    return result;
  }

  /** Called by work on the writer thread: this event goes to the listeners if its batch commits. */
  void inserted(DeviceEvent event) {
    insertedInBatch.add(event);
  }

  /** Called by work on the writer thread: this row goes to the publisher if its batch commits. */
  void queued(OutboxMessage message) {
    outboxInBatch.add(message);
  }

  void onEvents(Consumer<List<DeviceEvent>> listener) {
    eventListeners.add(listener);
  }

  void onOutbox(Consumer<List<OutboxMessage>> listener) {
    outboxListeners.add(listener);
  }

  void onHealth(Consumer<String> listener) {
    healthListeners.add(listener);
  }

  void onCommit(Runnable listener) {
    commitListeners.add(listener);
  }

  long eventsCommitted() {
    return eventsCommitted.sum();
  }

  String lastError() {
    return lastError;
  }

  private void healthChanged(String error) {
    String previous = lastError;
    lastError = error;
    if (!Objects.equals(previous == null, error == null)) {
      healthListeners.forEach(l -> l.accept(error));
    }
  }

  private void writeLoop() {
    List<Op<?>> batch = new ArrayList<>(batchMax);
    while (open || !queue.isEmpty()) {
      try {
        Op<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchMax - 1);
        if (open && lastError == null && batch.stream().allMatch(Op::deferrable)) {
          // Only delivery confirmations: let the next device event carry them, so that a room's few
          // events per second each meet an idle writer instead of a confirmation's commit. Not while
          // commits fail (a full disk): then a confirmation goes alone and fails alone.
          Op<?> next = queue.poll(DEFER_MS, TimeUnit.MILLISECONDS);
          if (next != null) {
            batch.add(next);
            queue.drainTo(batch, batchMax - batch.size());
          }
        }
        commitBatch(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void commitBatch(List<Op<?>> batch) {
    Object[] results = new Object[batch.size()];
    Throwable[] failures = new Throwable[batch.size()];
    try {
      for (int i = 0; i < batch.size(); i++) {
        Savepoint savepoint = conn.setSavepoint();
        int insertedBefore = insertedInBatch.size();
        int outboxBefore = outboxInBatch.size();
        try {
          results[i] = batch.get(i).work().apply(conn);
          conn.releaseSavepoint(savepoint);
        } catch (SQLException | RuntimeException e) {
          conn.rollback(savepoint);
          resync.reload(conn);
          insertedInBatch.subList(insertedBefore, insertedInBatch.size()).clear();
          outboxInBatch.subList(outboxBefore, outboxInBatch.size()).clear();
          failures[i] = e instanceof SQLException ? new StoreException(describe((SQLException) e), e) : e;
        }
      }
      conn.commit();
      if (!insertedInBatch.isEmpty() || !outboxInBatch.isEmpty()) {
        // Only a committed event or message shows the store records again. A read commits even on a
        // full disk, and so can a delivery confirmation once reopening the store has freed its log.
        healthChanged(null);
      }
    } catch (SQLException e) {
      String reason = describe(e);
      healthChanged(reason);
      LOG.error("store commit failed, {} operations refused: {}", batch.size(), reason);
      rollbackQuietly();
      insertedInBatch.clear();
      outboxInBatch.clear();
      StoreException failure = new StoreException(reason, e);
      batch.forEach(op -> op.fail(failure));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Op op = batch.get(i);
      if (failures[i] != null) {
        op.fail(failures[i]);
      } else {
        op.result().complete(results[i]);
      }
    }
    eventsCommitted.add(insertedInBatch.size());
    if (!insertedInBatch.isEmpty() && !eventListeners.isEmpty()) {
      List<DeviceEvent> committed = List.copyOf(insertedInBatch);
      eventListeners.forEach(l -> l.accept(committed));
    }
    insertedInBatch.clear();
    if (!outboxInBatch.isEmpty()) {
      List<OutboxMessage> committed = List.copyOf(outboxInBatch);
      outboxListeners.forEach(l -> l.accept(committed));
    }
    outboxInBatch.clear();
    commitListeners.forEach(Runnable::run);
  }

  /**
   * Undoes a failed batch. SQLite rolls some failures back by itself (a full disk), which leaves the
   * driver's transaction state wrong; then the connection is replaced, so the store recovers as
   * soon as the cause is gone.
   */
  private void rollbackQuietly() {
    try {
      conn.rollback();
      resync.reload(conn);
    } catch (SQLException e) {
      LOG.warn("store rollback failed ({}); reopening the database", e.getMessage());
      reopen();
    }
  }

  private void reopen() {
    try {
      conn.close();
    } catch (SQLException e) {
      LOG.debug("closing the failed connection: {}", e.getMessage());
    }
    try {
      conn = Schema.connect(file);
      conn.setAutoCommit(false);
      resync.reload(conn);
    } catch (SQLException e) {
      // Still failing (the disk is still full): the next batch tries again.
      LOG.error("reopening the store failed: {}", e.getMessage());
    }
  }

  private static String describe(SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("SQLITE_FULL")) {
      return "disk full: the store cannot grow (" + message + ")";
    }
    if (message.contains("SQLITE_IOERR") || message.contains("SQLITE_READONLY")) {
      return "store I/O error: " + message;
    }
    return message;
  }

  /** Commits what is queued, then closes the connection. */
  @Override
  public void close() {
    open = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
      conn.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      LOG.warn("closing the store: {}", e.getMessage());
    }
  }
}
