package org.procroom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A virtual null-modem cable: socat joins two ptys and links them at stable paths. Closing it and
 * opening it again on the same paths is what unplugging and replugging a cable looks like to
 * both ends.
 */
public final class SocatPtyPair implements AutoCloseable {
  private final Path deviceEnd;
  private final Path peerEnd;
  private Process socat;

  public SocatPtyPair(Path deviceEnd, Path peerEnd) {
    this.deviceEnd = deviceEnd;
    this.peerEnd = peerEnd;
  }

  public static SocatPtyPair open(Path dir, String name) {
    SocatPtyPair pair = new SocatPtyPair(dir.resolve(name + "-gateway"), dir.resolve(name + "-device"));
    pair.plug();
    return pair;
  }

  /** The end the gateway opens. */
  public Path gatewayEnd() {
    return deviceEnd;
  }

  /** The end the simulated device writes to. */
  public Path deviceEnd() {
    return peerEnd;
  }

  public synchronized void plug() {
    if (socat != null && socat.isAlive()) {
      return;
    }
    try {
      Files.deleteIfExists(deviceEnd);
      Files.deleteIfExists(peerEnd);
      socat = new ProcessBuilder("socat",
          "pty,raw,echo=0,link=" + deviceEnd,
          "pty,raw,echo=0,link=" + peerEnd)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("socat could not start (apt-get install socat)", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(Files.exists(deviceEnd) && Files.exists(peerEnd))) {
      if (System.nanoTime() > deadline || !socat.isAlive()) {
        throw new IllegalStateException("socat did not create " + deviceEnd + " and " + peerEnd);
      }
      FreePort.sleep(20);
    }
  }

  /** Pulls the cable: both ptys go away. */
  public synchronized void unplug() {
    if (socat == null) {
      return;
    }
    socat.destroy();
    try {
      if (!socat.waitFor(5, TimeUnit.SECONDS)) {
        socat.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    socat = null;
  }

  @Override
  public void close() {
    unplug();
  }
}
