package org.procroom.simulators.cable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A virtual null-modem cable: socat joins two ptys and links them at stable paths, one for the
 * gateway and one for the simulated device. {@link #unplug()} and {@link #plug()} on the same paths
 * are what pulling and replugging a cable look like to both ends.
 */
public final class VirtualSerialCable implements AutoCloseable {
  private final Path gatewayEnd;
  private final Path deviceEnd;
  private Process socat;

  private VirtualSerialCable(Path gatewayEnd, Path deviceEnd) {
    this.gatewayEnd = gatewayEnd;
    this.deviceEnd = deviceEnd;
  }

  /** Creates {@code dir/NAME-gateway} and {@code dir/NAME-device}, joined. */
  public static VirtualSerialCable open(Path dir, String name) throws IOException {
    VirtualSerialCable cable = new VirtualSerialCable(dir.resolve(name + "-gateway"), dir.resolve(name + "-device"));
    cable.plug();
    return cable;
  }

  /** The end the gateway opens. */
  public Path gatewayEnd() {
    return gatewayEnd;
  }

  /** The end the simulated device writes to. */
  public Path deviceEnd() {
    return deviceEnd;
  }

  public synchronized void plug() throws IOException {
    if (socat != null && socat.isAlive()) {
      return;
    }
    Files.createDirectories(gatewayEnd.toAbsolutePath().getParent());
    Files.deleteIfExists(gatewayEnd);
    Files.deleteIfExists(deviceEnd);
    try {
      socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + gatewayEnd, "pty,raw,echo=0,link=" + deviceEnd)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new IOException("virtual serial cables need socat, which is not installed (apt-get install socat)", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(Files.exists(gatewayEnd) && Files.exists(deviceEnd))) {
      if (System.nanoTime() > deadline || !socat.isAlive()) {
        socat.destroy();
        throw new IOException("socat did not create the ptys " + gatewayEnd + " and " + deviceEnd);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while plugging " + gatewayEnd, e);
      }
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
