package org.procroom.drivers.serial;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.procroom.drivers.serial.internal.Link;
import org.procroom.drivers.serial.internal.Connector;
import org.procroom.gateway.api.Backoff;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.GatewayClock;

/**
 * Reads lines from a serial port or TCP peer on a thread of its own, and keeps doing so across
 * unplugging, replugging and peer restarts: every loss is reported as RECONNECTING with the reason,
 * and the link is retried with backoff until {@link #stop()}.
 */
public final class LineSource {
  private final String name;
  private final Connector connector;
  private final LineDecoder decoder;
  private final GatewayClock clock;
  private final LineListener listener;
  private final Backoff backoff;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;
  private volatile Link link;
  private Thread thread;

  LineSource(String name, Connector connector, LineTransportOptions options, GatewayClock clock, LineListener listener) {
    this.name = name;
    this.connector = connector;
    this.decoder = new LineDecoder(options.maxLineLength());
    this.clock = clock;
    this.listener = listener;
    this.backoff = new Backoff(options.reconnectInitial(), options.reconnectMax());
  }

  /** A source for the transport the options describe. */
  public static LineSource open(String name, LineTransportOptions options, GatewayClock clock, LineListener listener) {
    return new LineSource(name, Connector.forOptions(options), options, clock, listener);
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "line-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  public void stop() {
    Thread reader;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      reader = thread;
    }
    stopped.countDown();
    Link current = link;
    if (current != null) {
      current.close();
    }
    try {
      reader.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listener.onState(DriverState.STOPPED, "stopped");
  }

  private void run() {
    byte[] buffer = new byte[4096];
    listener.onState(DriverState.STARTING, "opening " + connector.describe());
    while (running) {
      try {
        link = connector.connect();
      } catch (IOException e) {
        listener.onState(DriverState.RECONNECTING, e.getMessage());
        pause(backoff.next());
        continue;
      }
      backoff.reset();
      decoder.reset();
      listener.onState(DriverState.CONNECTED, "reading " + connector.describe());
      String lost = readUntilLost(buffer);
      link.close();
      link = null;
      if (running) {
        listener.onState(DriverState.RECONNECTING, lost);
        pause(backoff.next());
      }
    }
  }

  private String readUntilLost(byte[] buffer) {
    while (running) {
      int n;
      try {
        n = link.read(buffer);
      } catch (IOException e) {
        return "link lost on " + connector.describe() + ": " + e.getMessage();
      }
      if (n < 0) {
        return "link closed on " + connector.describe() + " (device unplugged or peer closed)";
      }
      if (n > 0) {
        Instant receivedAt = clock.now();
        decoder.decode(buffer, 0, n, frame -> listener.onFrame(frame, receivedAt));
      }
    }
    return "stopped";
  }

  private void pause(Duration delay) {
    try {
      stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
