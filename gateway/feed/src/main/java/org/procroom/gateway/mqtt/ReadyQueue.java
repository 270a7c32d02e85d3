package org.procroom.gateway.mqtt;

import java.util.ArrayDeque;
import java.util.List;
import org.procroom.gateway.store.OutboxMessage;

/**
 * Committed rows handed over by the store, published without reading them back. Valid only once
 * a read of the outbox came back short (everything committed before it was read); until then, and
 * after any reconnect or overflow, the outbox table is the source. Used on the publisher's context only.
 */
final class ReadyQueue {
  /** Committed rows held at most; beyond this the outbox table is read instead. */
  private static final int MAX_READY = 10_000;

  private final ArrayDeque<OutboxMessage> ready = new ArrayDeque<>();
  private boolean caughtUp;
  /** Bumped whenever the queue is dropped, so that a read started before answers into nothing. */
  private int generation;

  boolean caughtUp() {
    return caughtUp;
  }

  /** After a read of the outbox: a short read returned everything committed so far. */
  void caughtUp(boolean value) {
    caughtUp = value;
  }

  int generation() {
    return generation;
  }

  int size() {
    return ready.size();
  }

  boolean isEmpty() {
    return ready.isEmpty();
  }

  OutboxMessage poll() {
    return ready.poll();
  }

  /** Where the next read of the outbox starts: after the last queued row, else after {@code cursor}. */
  long after(long cursor) {
    return ready.isEmpty() ? cursor : ready.peekLast().seq();
  }

  /** Rows just committed; false when holding them would overflow, and the queue is dropped instead. */
  boolean offer(List<OutboxMessage> rows, long cursor) {
    if (ready.size() + rows.size() > MAX_READY) {
      // The broker is slower than the devices: stop holding copies; the outbox has them all.
      drop();
      return false;
    }
    add(rows, cursor);
    return true;
  }

  /** Queues rows in seq order, skipping any already queued or published. */
  void add(List<OutboxMessage> rows, long cursor) {
    long last = after(cursor);
    for (OutboxMessage row : rows) {
      if (row.seq() > last) {
        ready.add(row);
        last = row.seq();
      }
    }
  }

  /** Forgets the queued copies: the next read of the outbox starts from the last published row. */
  void drop() {
    caughtUp = false;
    ready.clear();
    generation++;
  }
}
