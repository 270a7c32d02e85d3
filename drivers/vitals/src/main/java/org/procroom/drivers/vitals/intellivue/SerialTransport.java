package org.procroom.drivers.vitals.intellivue;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.procroom.drivers.serial.DeviceLink;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.drivers.serial.LinkListener;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.GatewayClock;

/**
 * Data Export over the MIB/RS-232 port (115200 8N1): messages in MIB frames, checked by their FCS;
 * at most four frames in any 128 ms, the rate the interface allows.
 */
final class SerialTransport implements IntellivueTransport, LinkListener {
  private static final int MAX_MESSAGE = 8192;
  private static final int FRAMES_PER_WINDOW = 4;
  private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(128);

  private final String name;
  private final LineTransportOptions options;
  private GatewayClock clock;
  private final MibFrameDecoder decoder = new MibFrameDecoder(MAX_MESSAGE);
  private ScheduledExecutorService ticker;
  private volatile DeviceLink link;
  private final long[] sentAt = new long[FRAMES_PER_WINDOW];
  private int next;
  private Receiver receiver;

  SerialTransport(String name, LineTransportOptions options) {
    this.name = name;
    this.options = options;
  }

  @Override
  public void start(Receiver receiver, GatewayClock clock) {
    this.receiver = receiver;
    this.clock = clock;
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "intellivue-" + name + "-timer");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(() -> receiver.tick(clock.now()), 200, 200, TimeUnit.MILLISECONDS);
    link = DeviceLink.open(name, options, clock, this);
    link.start();
  }

  @Override
  public void onConnected(DeviceLink connected) {
    decoder.reset();
    receiver.connected();
  }

  @Override
  public void onBytes(byte[] bytes, int length, Instant receivedAt) {
    decoder.decode(bytes, 0, length, frame -> {
      if (frame instanceof MibFrame.Message m) {
        receiver.message(m.bytes(), receivedAt);
      } else {
        receiver.rejected(frame.invalidReason(), receivedAt);
      }
    });
  }

  @Override
  public void onState(DriverState state, String reason) {
    receiver.linkState(state, reason);
  }

  @Override
  public void send(byte[] message) throws IOException {
    DeviceLink l = link;
    if (l == null) {
      throw new IOException("the serial link is not open");
    }
    byte[] frame = MibFrameEncoder.frame(message);
    synchronized (sentAt) {
      long wait = sentAt[next] + WINDOW_NANOS - System.nanoTime();
      if (sentAt[next] != 0 && wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while pacing frames");
        }
      }
      l.send(frame);
      sentAt[next] = System.nanoTime();
      next = (next + 1) % FRAMES_PER_WINDOW;
    }
  }

  @Override
  public void stop() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (link != null) {
      link.stop();
    }
  }
}
