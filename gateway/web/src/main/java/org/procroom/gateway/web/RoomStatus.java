package org.procroom.gateway.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.DriverStatus;
import org.procroom.gateway.api.ListenerCounts;
import org.procroom.gateway.drivers.ClockSkew;
import org.procroom.gateway.drivers.DriverHandle;
import org.procroom.gateway.drivers.DriverManager;
import org.procroom.gateway.mqtt.MqttPublisher;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.EventStore;

/**
 * The room at one moment: whether it records, the broker link and every device. One snapshot,
 * shown by {@code /health}, {@code /metrics} and the dashboard.
 *
 * @param storeError null while the store commits, else why it fails (a full disk)
 */
public record RoomStatus(String room, String storeError, MqttPublisher.Health broker, boolean brokerConnected,
    long eventsCommitted, List<Device> devices, List<Charting> charting, Waves waves) {

  /**
   * The wave store and the live waves: samples kept, gaps stated, repeats cut, segments the store
   * could not take, rows it could not write (and why: a full disk), live segments sent and dropped.
   */
  public record Waves(long samples, long gaps, long duplicates, long droppedSegments, long unwrittenRows,
      String lastError, long livePublished, long liveDropped) {}

  /**
   * A link to the charting system (the interface engine's HL7 queue, the FHIR server's), one per
   * configured receiver; none when the room charts only to the feed.
   *
   * @param counts messages of its queue by state: pending, delivered, parked, dropped
   */
  public record Charting(String queue, String receiver, boolean connected, String lastError, java.time.Instant since,
      Map<String, Long> counts) {
    public long parked() {
      return counts.getOrDefault("parked", 0L);
    }
  }

  /** One configured device; {@code endpoint} says where it is reached, in the configuration's words. */
  public record Device(String id, String type, DriverStatus status, DriverHandle.LastError lastError,
      ClockSkew.Snapshot clockSkew, long bytesReceived, String endpoint, List<ListenerCounts> listeners) {

    /** What every view shows of a device. */
    public ObjectNode json() {
      return EventJson.MAPPER.createObjectNode().put("type", type).put("state", status.state().name())
          .put("reason", status.reason()).put("since", EventJson.timestamp(status.since()))
          .put("lastDataAt", status.lastDataAt() == null ? null : EventJson.timestamp(status.lastDataAt()));
    }
  }

  /** Takes snapshots of one running room. */
  public static final class Source {
    private final String room;
    private final EventStore store;
    private final MqttPublisher publisher;
    private final DriverManager drivers;
    private final Map<String, DriverSettings> configured;
    private final java.util.function.Supplier<List<Charting>> charting;
    private final java.util.function.Supplier<Waves> waves;

    public Source(String room, EventStore store, MqttPublisher publisher, DriverManager drivers,
        Map<String, DriverSettings> configured, java.util.function.Supplier<List<Charting>> charting,
        java.util.function.Supplier<Waves> waves) {
      this.waves = waves;
      this.charting = charting;
      this.room = room;
      this.store = store;
      this.publisher = publisher;
      this.drivers = drivers;
      this.configured = configured;
    }

    public RoomStatus now() {
      List<Device> devices = new ArrayList<>();
      drivers.handles().forEach((id, h) -> devices.add(new Device(id, h.type(), h.status(), h.lastError(),
          h.clockSkew(), h.bytesReceived(), endpoint(configured.get(id)),
          h.driver() == null ? List.of() : h.driver().listeners())));
      return new RoomStatus(room, store.lastError(), publisher.health(), publisher.connected(), store.eventsCommitted(),
          devices, charting.get(), waves.get());
    }
  }

  /**
   * UP when everything works; DEGRADED while a device, the broker or a charting receiver is away or
   * a charted message waits for an operator or the wave store cannot write; DOWN when nothing is recorded.
   */
  public String overall() {
    boolean allDevicesUp = devices.stream().allMatch(d -> d.status().state() == DriverState.CONNECTED);
    boolean chartingUp = charting.stream().allMatch(c -> c.connected() && c.parked() == 0);
    boolean wavesUp = waves.lastError() == null;
    return storeError != null ? "DOWN" : allDevicesUp && brokerConnected && chartingUp && wavesUp ? "UP" : "DEGRADED";
  }

  /** Where the device is reached, in the configuration's words: a port, a USB id, a listener and AE title. */
  public static String endpoint(DriverSettings s) {
    if (s == null) {
      return "";
    }
    if (s.has("bindAddress")) {
      String listener = s.string("bindAddress") + ":" + s.string("port", "?");
      String ae = s.has("aeTitle") ? " AE " + s.string("aeTitle") : "";
      String mpps = s.has("mppsPort") ? ", MPPS :" + s.string("mppsPort") : "";
      return "listens on " + listener + ae + mpps;
    }
    if (s.string("transport", "serial").equalsIgnoreCase("tcp")) {
      return "tcp://" + s.string("host", "?") + ":" + s.string("tcpPort", "?");
    }
    if (s.has("port")) {
      return s.string("port") + (s.has("baud") ? " @ " + s.string("baud") + " baud" : "");
    }
    DriverSettings usb = s.section("usb");
    return usb.has("vendorId") ? "usb " + usb.string("vendorId") + ":" + usb.string("productId", "?") : "";
  }
}
