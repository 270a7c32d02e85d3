package org.procroom.gateway.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.DriverStatus;
import org.procroom.gateway.mqtt.MqttPublisher;
import org.procroom.simulators.cable.VirtualSerialCable;
import org.procroom.simulators.scanner.ScannerSimulator;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.TcpRelay;

/**
 * Reconnect cycles of the broker link, a serial device and DICOM associations (50 each in the suite,
 * 200 in {@link ReconnectCyclesSoakTest}): threads, file descriptors and heap of the gateway's JVM end
 * where they started, within a margin. A leak of one thread or descriptor per cycle exceeds the
 * margin well within 50 cycles.
 */
class ReconnectCyclesLeakNothingTest {
  private static final int THREAD_MARGIN = 5;
  private static final long FD_MARGIN = 10;
  private static final long HEAP_MARGIN = 32L << 20;
  private static final String VIAL = "]d20100304094276014" + "17271130" + "10LID2401" + "<GS>" + "21S";

  @TempDir Path dir;

  int cycles() {
    return 50;
  }

  /** What the JVM holds, after a garbage collection. */
  record Footprint(int threads, long fds, long heap) {
    static Footprint now() throws Exception {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(100);
      }
      try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
        Runtime rt = Runtime.getRuntime();
        return new Footprint(ManagementFactory.getThreadMXBean().getThreadCount(), fds.count(),
            rt.totalMemory() - rt.freeMemory());
      }
    }

    boolean grewNotTo(Footprint after) {
      return after.threads() <= threads + THREAD_MARGIN && after.fds() <= fds + FD_MARGIN && after.heap() <= heap + HEAP_MARGIN;
    }

    void assertNoGrowthTo(Footprint after, String what) {
      String message = what + ": before " + this + ", after " + after;
      assertTrue(after.threads() <= threads + THREAD_MARGIN, message);
      assertTrue(after.fds() <= fds + FD_MARGIN, message);
      assertTrue(after.heap() <= heap + HEAP_MARGIN, message);
    }
  }

  @Test
  void brokerLinkCutRepeatedly() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         TcpRelay network = new TcpRelay(broker.port());
         FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/+/events/#");
         Room room = new Room(dir, "tcp://127.0.0.1:" + network.port())) {
      room.env().put("PROCROOM_MQTT_RECONNECT_INITIAL", "20ms");
      room.env().put("PROCROOM_MQTT_RECONNECT_MAX", "100ms");
      try (Gateway gateway = room.startGateway()) {
        Footprint before = null;
        int scans = 0;
        for (int i = 0; i < cycles() + 10; i++) {
          if (i == 10) {
            before = Footprint.now();
          }
          Instant cut = Instant.now();
          network.cutAll();
          Await.until(Duration.ofSeconds(10), () -> {
            MqttPublisher.Health h = gateway.publisher().health();
            return h.state() == MqttPublisher.State.CONNECTED && h.since().isAfter(cut);
          }, () -> "not reconnected: " + gateway.publisher().health());
          if (i % 25 == 0) {
            room.scanner.scan(VIAL + i);
            scans++;
          }
        }
        before.assertNoGrowthTo(Footprint.now(), cycles() + " broker link cuts");
        long scanned = scans;
        Await.until(Duration.ofSeconds(15), () -> feed.distinctEvents().values().stream()
            .filter(e -> e.path("type").asText().equals("barcode.scan")).count() == scanned, () -> "scans lost across the cuts");
      }
    }
  }

  @Test
  void serialCableUnpluggedRepeatedly() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      try (Gateway gateway = room.startGateway()) {
        awaitScanner(gateway, DriverState.CONNECTED, Instant.EPOCH);
        Footprint before = null;
        for (int i = 0; i < cycles() + 10; i++) {
          if (i == 10) {
            before = Footprint.now();
          }
          Instant unplugged = Instant.now();
          room.cable.unplug();
          awaitScanner(gateway, DriverState.RECONNECTING, unplugged);
          Instant plugged = Instant.now();
          room.cable.plug();
          awaitScanner(gateway, DriverState.CONNECTED, plugged);
        }
        before.assertNoGrowthTo(Footprint.now(), cycles() + " serial unplug/replug cycles");
        try (ScannerSimulator scanner = ScannerSimulator.serial(room.cable.deviceEnd().toString(), 9600,
            ScannerSimulator.Terminator.CR)) {
          scanner.scan(VIAL + "after");
          Await.until(Duration.ofSeconds(10), () -> gateway.store().events(null).join().stream()
              .anyMatch(e -> e.type().equals("barcode.scan")), () -> "no scan after the last replug");
        }
      }
    }
  }

  @Test
  void monitorCablesUnpluggedRepeatedly() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         VirtualSerialCable s5 = VirtualSerialCable.open(dir.resolve("pty"), "monitor-1");
         VirtualSerialCable masimo = VirtualSerialCable.open(dir.resolve("pty"), "oximeter-1")) {
      s5.plug();
      masimo.plug();
      room.writeConfig("""
          monitor-1:
            type: ge-s5
            port: %s
            reconnectInitial: 50ms
            reconnectMax: 500ms
          oximeter-1:
            type: masimo-ascii
            port: %s
            reconnectInitial: 50ms
            reconnectMax: 500ms
          """.formatted(s5.gatewayEnd(), masimo.gatewayEnd()));
      try (Gateway gateway = room.startGateway()) {
        List<String> monitors = List.of("monitor-1", "oximeter-1");
        monitors.forEach(id -> awaitDriver(gateway, id, DriverState.CONNECTED, Instant.EPOCH));
        Footprint before = null;
        for (int i = 0; i < cycles() + 10; i++) {
          if (i == 10) {
            before = Footprint.now();
          }
          Instant unplugged = Instant.now();
          s5.unplug();
          masimo.unplug();
          monitors.forEach(id -> awaitDriver(gateway, id, DriverState.RECONNECTING, unplugged));
          Instant plugged = Instant.now();
          s5.plug();
          masimo.plug();
          monitors.forEach(id -> awaitDriver(gateway, id, DriverState.CONNECTED, plugged));
        }
        before.assertNoGrowthTo(Footprint.now(), cycles() + " unplug/replug cycles of the S/5 and the Masimo");
      }
    }
  }

  @Test
  void dicomAssociationsOneAfterAnother() throws Exception {
    int port = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.dicomStorage(port, FreePort.pick(), ""));
      try (Gateway gateway = room.startGateway()) {
        Footprint before = null;
        for (int i = 0; i < cycles() + 10; i++) {
          if (i == 10) {
            before = Footprint.now();
          }
          Process echo = new ProcessBuilder("echoscu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1", String.valueOf(port))
              .redirectErrorStream(true).redirectOutput(dir.resolve("echoscu.log").toFile()).start();
          assertTrue(echo.waitFor() == 0, "C-ECHO " + i + " failed: " + Files.readString(dir.resolve("echoscu.log")));
        }
        // PixelMed keeps each association's thread and socket 5 s after the release (its ARTIM wait),
        // so the footprint must come back within that, not stay up.
        Footprint baseline = before;
        Await.until(Duration.ofSeconds(15), () -> baseline.grewNotTo(footprint()),
            () -> cycles() + " DICOM associations: before " + baseline + ", after " + footprint());
      }
    }
  }

  private static Footprint footprint() {
    try {
      return Footprint.now();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitScanner(Gateway gateway, DriverState state, Instant after) {
    awaitDriver(gateway, "scanner-1", state, after);
  }

  private static void awaitDriver(Gateway gateway, String id, DriverState state, Instant after) {
    Await.until(Duration.ofSeconds(10), () -> {
      DriverStatus s = gateway.drivers().handles().get(id).status();
      return s.state() == state && !s.since().isBefore(after);
    }, () -> id + " not " + state + ": " + gateway.drivers().handles().get(id).status());
  }
}
