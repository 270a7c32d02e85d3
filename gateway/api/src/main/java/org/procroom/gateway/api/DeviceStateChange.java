package org.procroom.gateway.api;

/** Payload of {@code device.state} events: a driver's connection state changed. */
public record DeviceStateChange(DriverState state, String reason) {
  public static final String EVENT_TYPE = "device.state";
}
