package org.procroom.gateway.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.DriverState;
import org.procroom.testkit.Await;
import org.procroom.testkit.MosquittoBroker;

/** Wrong driver settings fail that driver with the key in the reason; the good scanner still works. */
class BadDriverConfigurationIsIsolatedTest {
  @TempDir Path dir;

  @Test
  void badDriversFailAloneAndNameTheirSetting() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig("""
          no-port:
            type: barcode-scanner
            baud: 9600
          bad-baud:
            type: barcode-scanner
            port: /dev/ttyUSB9
            baud: fast
          mystery:
            type: infusion-pump
          """);
      try (Gateway gateway = room.startGateway()) {
        var handles = gateway.drivers().handles();
        Await.until(Duration.ofSeconds(10), () -> handles.get("scanner-1").status().state() == DriverState.CONNECTED,
            () -> "good scanner: " + handles.get("scanner-1").status());
        assertEquals(DriverState.FAILED, handles.get("no-port").status().state());
        assertEquals("drivers.no-port.port: required for a serial device (or give usb.vendorId and usb.productId)",
            handles.get("no-port").status().reason());
        assertEquals("drivers.bad-baud.baud: expected a whole number, found 'fast'",
            handles.get("bad-baud").status().reason());
        String unknown = handles.get("mystery").status().reason();
        assertTrue(unknown.startsWith("drivers.mystery.type: unknown driver type 'infusion-pump' (known: ")
            && unknown.contains("barcode-scanner"), unknown);

        room.scanner.scan("]C1HELLO");
        Await.until(Duration.ofSeconds(10), () -> scans(gateway).size() == 1, () -> "scan not recorded");
        List<DeviceEvent> failures = gateway.store().events(null).join().stream()
            .filter(e -> e.type().equals("device.state") && e.payload().path("state").asText().equals("FAILED")).toList();
        assertEquals(List.of("no-port", "bad-baud", "mystery"), failures.stream().map(DeviceEvent::deviceId).toList(),
            "each failure is an event, so staff and the chart see it");
      }
    }
  }

  private static List<DeviceEvent> scans(Gateway gateway) {
    return gateway.store().events(null).join().stream().filter(e -> e.type().equals("barcode.scan")).toList();
  }
}
