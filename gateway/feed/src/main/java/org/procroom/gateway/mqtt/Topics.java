package org.procroom.gateway.mqtt;

import org.procroom.gateway.api.DeviceEvent;

/**
 * The topic scheme (docs/mqtt.md). Levels are the room, device ids and event types from the
 * configuration: never patient data.
 */
public final class Topics {
  private final String base;

  public Topics(String prefix, String room) {
    this.base = prefix + "/" + room;
  }

  /** {@code procroom/<room>/events/<deviceId>/<eventType>}, QoS 1. */
  public String event(DeviceEvent event) {
    return base + "/events/" + event.deviceId() + "/" + event.type();
  }

  /** {@code procroom/<room>/alerts/<severity>}: copies of events staff must see (warning, critical). */
  public String alert(String severity) {
    return base + "/alerts/" + severity;
  }

  /** {@code procroom/<room>/records/<procedureId>/fhir}: the closed record as a FHIR R4 transaction Bundle. */
  public String fhirRecord(String procedureId) {
    return base + "/records/" + procedureId + "/fhir";
  }

  /**
   * {@code procroom/<room>/waves/<deviceId>/<channel>}, QoS 0: live waveform segments. The channel
   * is the device's name lower-cased with anything but letters, digits, {@code _} and {@code -}
   * as {@code -} ({@code ECG II} is {@code ecg-ii}).
   */
  public String wave(String deviceId, String channel) {
    return base + "/waves/" + deviceId + "/" + channelLevel(channel);
  }

  static String channelLevel(String channel) {
    String level = channel.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-|-$", "");
    return level.isEmpty() ? "unnamed" : level;
  }

  /** {@code procroom/<room>/status}: retained online/offline, also the last will. */
  public String status() {
    return base + "/status";
  }
}
