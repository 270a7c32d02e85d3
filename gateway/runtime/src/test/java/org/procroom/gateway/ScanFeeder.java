package org.procroom.gateway;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.procroom.simulators.scanner.ScannerSimulator;

/** Scans numbered codes ({@code ]C1}{@code K00000}, {@code K00001}, ...) at a steady rate until stopped. */
public final class ScanFeeder implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean paused = new AtomicBoolean();
  private final AtomicInteger sent = new AtomicInteger();
  private final Thread thread;

  public ScanFeeder(ScannerSimulator scanner, int perSecond) {
    thread = new Thread(() -> {
      long periodNanos = 1_000_000_000L / perSecond;
      long next = System.nanoTime();
      while (running.get()) {
        try {
          if (!paused.get()) {
            scanner.scan("]C1" + code(sent.get()));
            sent.incrementAndGet();
          }
        } catch (IOException e) {
          throw new IllegalStateException("the simulated scanner could not write", e);
        }
        next += periodNanos;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          try {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }, "scan-feeder");
    thread.start();
  }

  public static String code(int n) {
    return "K%05d".formatted(n);
  }

  public static int number(String code) {
    return Integer.parseInt(code.substring(1));
  }

  /** Holds the scans back until {@link #resume()}. */
  public void pause() {
    paused.set(true);
  }

  public void resume() {
    paused.set(false);
  }

  public int sent() {
    return sent.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }
}
