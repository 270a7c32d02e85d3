package org.procroom.drivers.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.testkit.Await;

/** A network scanner cradle serving lines over TCP, restarting once. */
class LineSourceOverTcpTest {
  @Test
  void readsLinesAndReconnectsAfterThePeerCloses() throws Exception {
    try (ServerSocket cradle = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      ObjectNode node = JsonNodeFactory.instance.objectNode()
          .put("transport", "tcp").put("host", "127.0.0.1").put("tcpPort", cradle.getLocalPort())
          .put("reconnectInitial", "50ms").put("reconnectMax", "200ms");
      RecordingListener listener = new RecordingListener();
      LineSource source = LineSource.open("cradle",
          LineTransportOptions.from(new DriverSettings("drivers.cradle", node), 9600), GatewayClock.system(), listener);
      source.start();
      try {
        try (Socket peer = cradle.accept(); OutputStream out = peer.getOutputStream()) {
          out.write("ONE\r\n".getBytes(StandardCharsets.US_ASCII));
          Await.until(Duration.ofSeconds(5), () -> listener.lines.size() == 1, () -> "lines: " + listener.lines);
        }
        Await.until(Duration.ofSeconds(5), () -> listener.lastState() == DriverState.RECONNECTING,
            () -> "states: " + listener.states);
        try (Socket peer = cradle.accept(); OutputStream out = peer.getOutputStream()) {
          out.write("TWO\r\n".getBytes(StandardCharsets.US_ASCII));
          Await.until(Duration.ofSeconds(5), () -> listener.lines.size() == 2, () -> "lines: " + listener.lines);
        }
        assertEquals(List.of("ONE", "TWO"), listener.lines);
      } finally {
        source.stop();
      }
    }
  }
}
