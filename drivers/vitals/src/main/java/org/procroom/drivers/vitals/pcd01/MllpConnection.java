package org.procroom.drivers.vitals.pcd01;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One MLLP connection in original mode: frames in, one acknowledgement out per message, in order.
 * Timers close a connection that never starts a frame ({@code admission}), that goes silent
 * ({@code idle}) or that takes too long over one message ({@code message}), so no peer holds a
 * slot without sending.
 */
final class MllpConnection {
  /** How often a waiting connection looks at its timers. */
  private static final int POLL_MS = 250;

  /** Why a connection was closed by the gateway, or null when the peer ended it. */
  enum Closed { NO_FRAME, IDLE, MESSAGE_TOO_SLOW }

  record Timeouts(Duration admission, Duration idle, Duration message) {}

  /** What a connection reports as it goes. */
  interface Listener {
    void bytes(int count);

    void invalid(String reason, Instant receivedAt);

    void closed(Closed why, String reason);
  }

  private final Socket socket;
  private final int maxMessage;
  private final Timeouts timeouts;
  private final Function<MllpFrame.Message, String> application;
  private final Listener listener;
  private final java.util.function.Supplier<Instant> clock;

  MllpConnection(Socket socket, int maxMessage, Timeouts timeouts, java.util.function.Supplier<Instant> clock,
      Function<MllpFrame.Message, String> application, Listener listener) {
    this.socket = socket;
    this.maxMessage = maxMessage;
    this.timeouts = timeouts;
    this.clock = clock;
    this.application = application;
    this.listener = listener;
  }

  void serve() throws IOException {
    MllpDecoder decoder = new MllpDecoder(maxMessage, StandardCharsets.UTF_8);
    byte[] buffer = new byte[8192];
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    socket.setSoTimeout(POLL_MS);
    long opened = System.nanoTime();
    long lastByte = opened;
    long messageStarted = -1;
    boolean framed = false;
    String peer = socket.getInetAddress().getHostAddress();
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException quiet) {
        n = 0;
      }
      if (n < 0) {
        return;
      }
      long now = System.nanoTime();
      if (n > 0) {
        lastByte = now;
        Instant receivedAt = clock.get();
        listener.bytes(n);
        Consumer<MllpFrame> frames = frame -> {
          if (frame instanceof MllpFrame.Message message) {
            write(out, application.apply(message));
          } else {
            listener.invalid(frame.invalidReason(), receivedAt);
          }
        };
        decoder.decode(buffer, 0, n, frames);
        framed |= decoder.started();
        if (!decoder.inMessage()) {
          messageStarted = -1;
        } else if (messageStarted < 0) {
          messageStarted = now;
        }
      }
      if (!framed && now - opened > timeouts.admission().toNanos()) {
        listener.closed(Closed.NO_FRAME, peer + " sent no MLLP start block within " + seconds(timeouts.admission())
            + ": connection closed");
        return;
      }
      if (!decoder.inMessage() && now - lastByte > timeouts.idle().toNanos()) {
        listener.closed(Closed.IDLE, peer + " was silent for " + seconds(timeouts.idle()) + ": connection closed");
        return;
      }
      if (messageStarted >= 0 && now - messageStarted > timeouts.message().toNanos()) {
        listener.closed(Closed.MESSAGE_TOO_SLOW, "a message from " + peer + " was not complete within "
            + seconds(timeouts.message()) + ": connection closed");
        return;
      }
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void write(OutputStream out, String ack) {
    try {
      out.write(MllpDecoder.frame(ack, StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("acknowledgement not delivered", e);
    }
  }
}
