package org.procroom.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@code device.state} events: a driver's connection state changed. A failed driver is
 * {@code critical}, so it reaches the alerts topic: the room has lost a device until someone acts
 * or the driver's restart succeeds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceStateChange(DriverState state, String reason, String severity) {
  public static final String EVENT_TYPE = EventTypes.DEVICE_STATE;

  public static DeviceStateChange of(DriverState state, String reason) {
    return new DeviceStateChange(state, reason, state == DriverState.FAILED ? "critical" : null);
  }
}
