package org.procroom.gateway.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One observation as a driver hands it to the gateway. The gateway adds the event id, room,
 * procedure and sequence numbers when it commits the event.
 *
 * @param type       dotted event type, for example {@code barcode.scan}; names the payload schema
 * @param deviceTime the device's own timestamp, or null when the device reports none
 * @param receivedAt gateway receive time from {@link GatewayClock}, taken when the bytes arrived
 * @param payload    a record serialised to JSON as the event payload
 */
public record EventDraft(String type, Instant deviceTime, Instant receivedAt, Object payload) {
  public EventDraft {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(payload, "payload");
  }
}
