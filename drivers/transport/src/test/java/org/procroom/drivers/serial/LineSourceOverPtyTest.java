package org.procroom.drivers.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.testkit.Await;
import org.procroom.simulators.cable.VirtualSerialCable;

/** A serial scanner on a socat null-modem pair: lines arrive, and the cable can be pulled and replugged. */
class LineSourceOverPtyTest {
  @TempDir Path dir;

  @Test
  void readsLinesAndSurvivesUnplugAndReplug() throws Exception {
    try (VirtualSerialCable cable = VirtualSerialCable.open(dir, "scanner")) {
      ObjectNode node = JsonNodeFactory.instance.objectNode()
          .put("port", cable.gatewayEnd().toString())
          .put("reconnectInitial", "50ms")
          .put("reconnectMax", "200ms");
      LineTransportOptions options = LineTransportOptions.from(new DriverSettings("drivers.s1", node), 9600);
      RecordingListener listener = new RecordingListener();
      LineSource source = LineSource.open("s1", options, GatewayClock.system(), listener);
      source.start();
      try {
        awaitState(listener, DriverState.CONNECTED);
        write(cable.deviceEnd(), "FIRST\r\nSECOND\r");
        Await.until(Duration.ofSeconds(5), () -> listener.lines.size() == 2, () -> "lines: " + listener.lines);

        cable.unplug();
        awaitState(listener, DriverState.RECONNECTING);

        cable.plug();
        awaitState(listener, DriverState.CONNECTED);
        write(cable.deviceEnd(), "AFTER-REPLUG\n");
        Await.until(Duration.ofSeconds(5), () -> listener.lines.size() == 3, () -> "lines: " + listener.lines);
        assertEquals(List.of("FIRST", "SECOND", "AFTER-REPLUG"), listener.lines);
        assertTrue(listener.reasons.stream().anyMatch(r -> r.contains(cable.gatewayEnd().toString())),
            "reasons name the port: " + listener.reasons);
      } finally {
        source.stop();
      }
      assertEquals(DriverState.STOPPED, listener.lastState());
    }
  }

  @Test
  void missingPortIsReportedAndRetried() {
    Path absent = dir.resolve("no-such-port");
    ObjectNode node = JsonNodeFactory.instance.objectNode()
        .put("port", absent.toString()).put("reconnectInitial", "50ms").put("reconnectMax", "100ms");
    RecordingListener listener = new RecordingListener();
    LineSource source = LineSource.open("s2",
        LineTransportOptions.from(new DriverSettings("drivers.s2", node), 9600), GatewayClock.system(), listener);
    source.start();
    try {
      Await.until(Duration.ofSeconds(5),
          () -> listener.states.stream().filter(s -> s == DriverState.RECONNECTING).count() >= 2,
          () -> "states: " + listener.states);
      assertTrue(listener.reasons.contains("serial port " + absent + " is not present"), "reasons: " + listener.reasons);
    } finally {
      source.stop();
    }
  }

  private static void awaitState(RecordingListener listener, DriverState state) {
    Await.until(Duration.ofSeconds(10), () -> listener.lastState() == state,
        () -> "expected " + state + ", states so far " + listener.states + " " + listener.reasons);
  }

  private static void write(Path pty, String text) throws IOException {
    try (FileOutputStream out = new FileOutputStream(pty.toFile())) {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
  }
}
