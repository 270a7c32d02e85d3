package org.procroom.gateway.store;

/** Who an event comes from: a configured device, or the gateway itself. */
public record EventSource(String deviceId, String deviceKind) {
  public static final EventSource GATEWAY = new EventSource("gateway", "gateway");
}
