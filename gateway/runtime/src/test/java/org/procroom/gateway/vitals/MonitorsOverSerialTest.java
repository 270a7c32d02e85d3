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
import org.procroom.simulators.vitals.MasimoSimulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.simulators.vitals.S5Simulator;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.MosquittoBroker;

/**
 * Simulated monitors on socat ptys -> drivers -> record -> Mosquitto. The S/5 cable is pulled and
 * replugged: the driver re-sends its request and the data resumes. A vasovagal dip below the
 * configured limit and a monitor clock 90 s ahead become alerts.
 */
class MonitorsOverSerialTest {
  @TempDir Path dir;

  @Test
  void s5ValuesFlowAlarmAndResumeAfterACablePull() throws Exception {
    PhysiologyScript dipAtOnce = new PhysiologyScript(Duration.ZERO, Duration.ofSeconds(6), Duration.ofSeconds(60));
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/#");
         Room room = new Room(dir, broker.url());
         VirtualSerialCable cable = VirtualSerialCable.open(dir.resolve("pty"), "monitor-1")) {
      room.writeConfig("""
          monitor-1:
            type: ge-s5
            port: %s
            requestInterval: 1s
            reconnectInitial: 50ms
            reconnectMax: 500ms
            maxClockSkew: 30s
            limits:
              MDC_ECG_HEART_RATE: {low: 50, high: 120}
          """.formatted(cable.gatewayEnd()));
      try (Gateway gateway = room.startGateway()) {
        try (S5Simulator monitor = new S5Simulator(cable.deviceEnd().toString(), dipAtOnce, Duration.ofSeconds(90))) {
          Await.until(Duration.ofSeconds(15), () -> observations(gateway).size() >= 4, () -> "no S/5 data");
          assertEquals(1, monitor.requests(), "one request on connect");
        }
        JsonNode last = observations(gateway).get(observations(gateway).size() - 1).payload();
        assertEquals("s5", last.path("protocol").asText());
        assertEquals("MDC_ECG_HEART_RATE", last.path("observations").path(0).path("code").asText());
        assertTrue(last.path("observations").path(0).path("value").asDouble() < 50, "the vasovagal dip: " + last);
        assertEquals(List.of("BELOW_LIMIT", "CLOCK_SKEW"), codes(last));
        long skew = last.path("clockSkewMillis").asLong();
        assertTrue(skew > 88_000 && skew < 92_000, "monitor 90 s ahead: " + skew);

        cable.unplug();
        Await.until(Duration.ofSeconds(10), () -> state(gateway, "monitor-1") == DriverState.RECONNECTING,
            () -> "no RECONNECTING");
        int before = observations(gateway).size();
        cable.plug();
        try (S5Simulator replugged = new S5Simulator(cable.deviceEnd().toString(), dipAtOnce, Duration.ZERO)) {
          Await.until(Duration.ofSeconds(15), () -> observations(gateway).size() >= before + 2,
              () -> "no data after replug; requests seen: " + replugged.requests());
          assertEquals(1, replugged.requests(), "the request was sent again after the reconnect");
        }
        Await.until(Duration.ofSeconds(10), () -> feed.all().stream()
            .anyMatch(m -> m.topic().equals("procroom/room-7/alerts/warning")
                && m.json().path("type").asText().equals("vitals.observation")), () -> "no vitals alert on the feed");
        new FeedSchemas().assertDeviceEventsConform(feed.events(), "monitor-1", "vitals.observation");
      }
    }
  }

  @Test
  void masimoLinesWithTheSensorOffBecomeTechnicalAlerts() throws Exception {
    PhysiologyScript baseline = PhysiologyScript.calm();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         VirtualSerialCable cable = VirtualSerialCable.open(dir.resolve("pty"), "oximeter-1")) {
      room.writeConfig("""
          oximeter-1:
            type: masimo-ascii
            port: %s
            timeZone: Europe/Berlin
          """.formatted(cable.gatewayEnd()));
      try (Gateway gateway = room.startGateway();
           MasimoSimulator oximeter = new MasimoSimulator(cable.deviceEnd().toString(), baseline, Duration.ZERO,
               ZoneId.of("Europe/Berlin"))) {
        Await.until(Duration.ofSeconds(10), () -> masimo(gateway).size() >= 1, () -> "no Masimo data");
        JsonNode first = masimo(gateway).get(0).payload();
        assertEquals(98.0, first.path("observations").path(0).path("value").asDouble());
        assertEquals("MDC_PULS_OXIM_SAT_O2", first.path("observations").path(0).path("code").asText());
        assertTrue(Math.abs(first.path("clockSkewMillis").asLong()) < 2000, "same clock, zone converted: " + first);
        oximeter.sensorOff(true);
        Await.until(Duration.ofSeconds(10), () -> masimo(gateway).stream()
            .anyMatch(e -> e.payload().path("technicalAlerts").toString().contains("sensor off patient")),
            () -> "no sensor-off alert");
        JsonNode off = masimo(gateway).stream()
            .filter(e -> e.payload().path("technicalAlerts").size() > 0).findFirst().orElseThrow().payload();
        assertEquals("unavailable", off.path("observations").path(0).path("status").asText());
        assertTrue(off.path("observations").path(0).path("value").isMissingNode(), "no number when dashes");
      }
    }
  }

  private static List<String> codes(JsonNode payload) {
    List<String> codes = new java.util.ArrayList<>();
    payload.path("findings").forEach(f -> codes.add(f.path("code").asText()));
    return codes;
  }

  private static DriverState state(Gateway gateway, String id) {
    return gateway.drivers().handles().get(id).status().state();
  }

  private static List<DeviceEvent> observations(Gateway gateway) {
    return gateway.store().events(null).join().stream()
        .filter(e -> e.deviceId().equals("monitor-1") && e.type().equals("vitals.observation")).toList();
  }

  private static List<DeviceEvent> masimo(Gateway gateway) {
    return gateway.store().events(null).join().stream()
        .filter(e -> e.deviceId().equals("oximeter-1") && e.type().equals("vitals.observation")).toList();
  }
}
