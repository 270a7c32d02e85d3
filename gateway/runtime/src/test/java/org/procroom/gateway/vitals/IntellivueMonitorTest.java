package org.procroom.gateway.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.DriverState;
import org.procroom.simulators.cable.VirtualSerialCable;
import org.procroom.simulators.vitals.IntellivueSimulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.MosquittoBroker;

/**
 * A simulated IntelliVue (its own Data Export encoder) over loopback UDP and over a socat pty ->
 * the philips-intellivue driver -> record -> Mosquitto: association, polls, numerics with the
 * monitor's clock skew, the vasovagal dip's alarm and its end, the monitor going silent and coming back, and
 * a monitor left admitted to another patient (its waves, over the serial line, marked as not this patient's).
 */
class IntellivueMonitorTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @TempDir Path dir;

  @Test
  void overTheLanValuesAlarmsSilenceAndReturn() throws Exception {
    PhysiologyScript dipAtOnce = new PhysiologyScript(Duration.ZERO, Duration.ofSeconds(6), Duration.ofSeconds(6));
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/#");
         Room room = new Room(dir, broker.url());
         IntellivueSimulator monitor = IntellivueSimulator.lan(0, dipAtOnce, Duration.ofSeconds(90), BERLIN)) {
      room.writeConfig("""
          monitor-1:
            type: philips-intellivue
            host: 127.0.0.1
            dataExportPort: %d
            timeZone: Europe/Berlin
            pollInterval: 1s
            silenceTimeout: 3s
            maxClockSkew: 30s
            limits:
              MDC_ECG_HEART_RATE: {low: 50, high: 120}
          """.formatted(monitor.port()));
      try (Gateway gateway = room.startGateway()) {
        Await.until(Duration.ofSeconds(15), () -> events(gateway, "vitals.observation").size() >= 3,
            () -> "no IntelliVue data; associations: " + monitor.associations());
        JsonNode set = events(gateway, "vitals.observation").get(2).payload();
        assertEquals("intellivue", set.path("protocol").asText());
        JsonNode hr = set.path("observations").path(0);
        assertEquals(List.of("MDC_ECG_HEART_RATE", "/min"), List.of(hr.path("code").asText(), hr.path("unit").asText()));
        assertTrue(hr.path("value").asDouble() < 72, "the dip under way: " + hr);
        long skew = set.path("clockSkewMillis").asLong();
        assertTrue(skew > 88_000 && skew < 92_000, "the monitor 90 s ahead, its Berlin clock converted: " + skew);
        assertEquals(8, set.path("observations").size(), "HR, SpO2, pulse, NIBP sys/dia/mean, respiration, temperature: " + set);

        Await.until(Duration.ofSeconds(15), () -> events(gateway, "vitals.alarm").stream()
            .anyMatch(e -> e.payload().toString().contains("HR Low")), () -> "no HR Low alarm");
        JsonNode alarm = events(gateway, "vitals.alarm").get(0).payload().path("alarms").path(0);
        assertEquals(List.of("high", "physiological", "MDC_ECG_HEART_RATE", "active"), List.of(
            alarm.path("priority").asText(), alarm.path("kind").asText(), alarm.path("channel").asText(),
            alarm.path("state").asText()));

        Await.until(Duration.ofSeconds(20), () -> events(gateway, "vitals.alarm").stream()
            .anyMatch(e -> e.payload().path("alarms").isEmpty()), () -> "the alarm's end not recorded");

        // A malformed message is rejected with its reason; the association goes on.
        monitor.sendRaw(java.util.HexFormat.of().parseHex("e10000020002ffff"));
        Await.until(Duration.ofSeconds(5), () -> events(gateway, "vitals.rejected").stream().anyMatch(e -> e.payload()
            .path("reason").asText().equals("remote operation length 65535 for the 0 bytes that follow")),
            () -> "no rejection of the malformed message");
        int beforeAbort = monitor.associations();
        monitor.abort();
        Await.until(Duration.ofSeconds(10), () -> monitor.associations() > beforeAbort && state(gateway) == DriverState.CONNECTED,
            () -> "not associated again after the monitor's abort");
        assertTrue(gateway.store().events(null).join().stream().anyMatch(e -> e.type().equals("device.state")
            && e.payload().path("reason").asText().equals("the monitor aborted the association")), "the abort recorded");

        monitor.silent(true);
        Await.until(Duration.ofSeconds(10), () -> state(gateway) == DriverState.RECONNECTING, () -> "no RECONNECTING");
        int before = events(gateway, "vitals.observation").size();
        monitor.silent(false);
        Await.until(Duration.ofSeconds(15), () -> state(gateway) == DriverState.CONNECTED
            && events(gateway, "vitals.observation").size() >= before + 2, () -> "no data after the silence");
        assertTrue(monitor.associations() >= 2, "associated again");

        Await.until(Duration.ofSeconds(10), () -> feed.all().stream()
            .anyMatch(m -> m.topic().endsWith("/alerts/warning") && m.json().path("type").asText().equals("vitals.alarm")),
            () -> "no alarm on the alerts topic");
        new FeedSchemas().assertDeviceEventsConform(feed.events(), "monitor-1", "vitals.observation");
      }
    }
  }

  /** Its Connect Indication sent to the multicast group, as monitors send it; the driver joins the group. */
  @Test
  void foundByItsBeacon() throws Exception {
    int beaconPort = org.procroom.testkit.FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         IntellivueSimulator monitor = IntellivueSimulator.lan(0, PhysiologyScript.calm(), Duration.ZERO,
             ZoneId.systemDefault())) {
      room.writeConfig("""
          monitor-1:
            type: philips-intellivue
            beaconPort: %d
          """.formatted(beaconPort));
      try (Gateway gateway = room.startGateway()) {
        monitor.beacon(beaconPort);
        Await.until(Duration.ofSeconds(15), () -> events(gateway, "vitals.observation").size() >= 1,
            () -> "not found by its beacon; associations: " + monitor.associations());
        assertEquals(DriverState.CONNECTED, state(gateway));
      }
    }
  }

  @Test
  void overSerialAndAdmittedToAnotherPatient() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         VirtualSerialCable cable = VirtualSerialCable.open(dir.resolve("pty"), "monitor-2")) {
      cable.plug();
      room.writeConfig("""
          monitor-2:
            type: philips-intellivue
            transport: serial
            port: %s
            pollInterval: 1s
          """.formatted(cable.gatewayEnd()));
      try (Gateway gateway = room.startGateway();
           IntellivueSimulator monitor = IntellivueSimulator.serial(cable.deviceEnd().toString(),
               PhysiologyScript.calm(), Duration.ZERO, ZoneId.systemDefault())) {
        String procedure = gateway.store().openProcedure("TPI", "MRN-77", java.time.Instant.now()).join().id();
        monitor.admit("MRN-77", "DOE", "JANE");
        Await.until(Duration.ofSeconds(15), () -> inRecord(gateway, procedure) >= 2, () -> "no data in the record");
        JsonNode first = events(gateway, "vitals.observation").get(0).payload();
        assertEquals(98.0, first.path("observations").path(1).path("value").asDouble(), "SpO2: " + first);
        assertTrue(Math.abs(first.path("clockSkewMillis").asLong()) < 2000, "same clock: " + first);

        monitor.admit("MRN-12", "ROE", "RICHARD"); // the previous patient, still admitted
        Await.until(Duration.ofSeconds(25), () -> !events(gateway, "vitals.quarantined").isEmpty(),
            () -> "no quarantine after the monitor's patient changed");
        DeviceEvent quarantined = events(gateway, "vitals.quarantined").get(0);
        assertEquals(null, quarantined.procedureId(), "outside the record");
        assertTrue(quarantined.payload().toString().contains("admitted to another patient"), quarantined.payload()::toString);
        assertTrue(!quarantined.payload().toString().contains("MRN-12") && !quarantined.payload().toString().contains("ROE"),
            "the other patient is not named");
        // The waves over the serial line too: those of the right patient plain, those after the change marked.
        Await.until(Duration.ofSeconds(10), () -> waves(gateway).stream()
            .anyMatch(w -> w.segment().flags().contains("other-patient")), () -> "no waves marked as another patient's");
        assertTrue(waves(gateway).stream().anyMatch(w -> w.segment().channel().equals("II")
            && w.segment().flags().isEmpty()), "ECG of the procedure's patient over the serial line");
      }
    }
  }

  private static List<org.procroom.gateway.waves.StoredWave> waves(Gateway gateway) {
    gateway.waves().flush();
    return gateway.waves().read(java.time.Instant.now().minusSeconds(120), java.time.Instant.now().plusSeconds(60),
        "monitor-2");
  }

  private static long inRecord(Gateway gateway, String procedure) {
    return gateway.store().events(procedure).join().stream().filter(e -> e.type().equals("vitals.observation")).count();
  }

  private static DriverState state(Gateway gateway) {
    return gateway.drivers().handles().get("monitor-1").status().state();
  }

  private static List<DeviceEvent> events(Gateway gateway, String type) {
    return gateway.store().events(null).join().stream().filter(e -> e.type().equals(type)).toList();
  }
}
