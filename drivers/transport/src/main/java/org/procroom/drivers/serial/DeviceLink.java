package org.procroom.drivers.serial;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.procroom.drivers.serial.internal.Connector;
import org.procroom.drivers.serial.internal.Link;
import org.procroom.gateway.api.Backoff;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.GatewayClock;

/**
 * A device on a serial port or TCP peer, read on a thread of its own and kept connected across
 * unplugging, replugging and peer restarts: every loss is reported as RECONNECTING with the
 * reason, and the link is retried with backoff until {@link #stop()}.
 */
public final class DeviceLink {
  private final String name;
  private final Connector connector;
  private final GatewayClock clock;
  private final LinkListener listener;
  private final Backoff backoff;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;
  private volatile Link link;
  private Thread thread;

  private DeviceLink(String name, Connector connector, LineTransportOptions options, GatewayClock clock,
      LinkListener listener) {
    this.name = name;
    this.connector = connector;
    this.clock = clock;
    this.listener = listener;
    this.backoff = new Backoff(options.reconnectInitial(), options.reconnectMax());
  }

  public static DeviceLink open(String name, LineTransportOptions options, GatewayClock clock, LinkListener listener) {
    return new DeviceLink(name, Connector.forOptions(options), options, clock, listener);
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "link-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Writes to the device; fails when the link is down (the caller retries after the next connect). */
  public void send(byte[] bytes) throws IOException {
    Link current = link;
    if (current == null) {
      throw new IOException(connector.describe() + " is not connected");
    }
    current.write(bytes);
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
      Link opened;
      try {
        opened = connector.connect();
      } catch (IOException e) {
        listener.onState(DriverState.RECONNECTING, e.getMessage());
        pause(backoff.next());
        continue;
      }
      link = opened;
      backoff.reset();
      listener.onState(DriverState.CONNECTED, "reading " + connector.describe());
      listener.onConnected(this);
      String lost = readUntilLost(opened, buffer);
      opened.close();
      link = null;
      if (running) {
        listener.onState(DriverState.RECONNECTING, lost);
        pause(backoff.next());
      }
    }
  }

  private String readUntilLost(Link opened, byte[] buffer) {
    while (running) {
      int n;
      try {
        n = opened.read(buffer);
      } catch (IOException e) {
        return "link lost on " + connector.describe() + ": " + e.getMessage();
      }
      if (n < 0) {
        return "link closed on " + connector.describe() + " (device unplugged or peer closed)";
      }
      if (n > 0) {
        listener.onBytes(buffer, n, clock.now());
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
