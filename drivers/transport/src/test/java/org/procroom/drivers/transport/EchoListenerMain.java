package org.procroom.drivers.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;

/**
 * A bounded listener serving an echo, for a child JVM with few descriptors: prints its port, then
 * one line per listener event ({@code LISTENING}, {@code ACCEPTING <reason>}, {@code FAILED <reason>}).
 */
public final class EchoListenerMain {
  private EchoListenerMain() {}

  public static void main(String[] args) throws Exception {
    ListenerOptions options = ListenerOptions.of("ECHO", "127.0.0.1", 0, 10_000).withMaxPerPeer(10_000)
        .withRetry(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMinutes(5));
    BoundedListener listener = new BoundedListener(options, (socket, release) -> {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[256];
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    }, new ListenerEvents() {
      @Override
      public void listening(String description) {
        say("LISTENING " + description);
      }

      @Override
      public void accepting(String reason) {
        say("ACCEPTING " + reason);
      }

      @Override
      public void failed(String reason) {
        say("FAILED " + reason);
      }

      @Override
      public void refused(InetAddress peer, Refusal why, String reason) {
        say("REFUSED " + why + " " + reason);
      }
    });
    listener.start();
    say("PORT " + listener.localPort());
    while (System.in.read() >= 0) {
      // runs until the test closes our stdin
    }
    listener.close();
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
