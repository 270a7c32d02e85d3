package org.procroom.gateway.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.testkit.MosquittoBroker;

/**
 * An HTTP/1.1 request without a Host header is answered 400 (it used to reach the router and log
 * a stack trace each time); a body announced larger than the limit is answered 413 before a byte
 * of it is read; {@code /metrics} counts each device listener's connections and the descriptors.
 */
class BadRequestsAreAnsweredNotLoggedTest {
  @TempDir Path dir;

  private static String exchange(int port, String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void noHostIs400AnOversizedBodyIs413UnreadAndListenersAreCounted() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.pcd01(0, ""));
      try (Gateway gateway = room.startGateway()) {
        int port = gateway.httpPort();
        String noHost = exchange(port, "GET /api/procedures/current HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertTrue(noHost.startsWith("HTTP/1.1 400"), noHost);
        String big = exchange(port, "POST /api/login HTTP/1.1\r\nHost: box\r\nContent-Type: application/json\r\n"
            + "Content-Length: 5000000\r\n\r\n{\"user\":");
        assertTrue(big.startsWith("HTTP/1.1 413"), big);
        String all = exchange(port, "GET /metrics HTTP/1.1\r\nHost: box\r\nConnection: close\r\n\r\n");
        assertTrue(all.contains("procroom_listener_accepted_total{driver=\"pcd01\",listener=\"MLLP\""), all);
        assertTrue(all.contains("procroom_process_open_fds "), all);
      }
    }
  }
}
