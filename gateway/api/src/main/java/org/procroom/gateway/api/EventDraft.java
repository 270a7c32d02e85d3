package org.procroom.gateway.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One observation as a driver hands it to the gateway. The gateway adds the event id, room,
 * procedure and sequence numbers when it commits the event.
 *
 * @param type       dotted event type, for example {@code barcode.scan}; names the payload schema
 * @param deviceTime the device's own timestamp, or null when the device reports none
 * @param receivedAt gateway receive time from {@link GatewayClock}, taken when the bytes arrived
 * @param payload    a record serialised to JSON as the event payload
 * @param outsideRecord true for what is kept and published but is not the open procedure's patient
 *                   data (a monitor in demo or training mode, a message for another patient)
 * @param files      files below the data folder that belong to this event (a received image and its
 *                   thumbnail): they are kept as long as the event and removed with it
 */
public record EventDraft(String type, Instant deviceTime, Instant receivedAt, Object payload, boolean outsideRecord,
    List<String> files) {
  public EventDraft {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(payload, "payload");
    files = List.copyOf(files);
  }

  public EventDraft(String type, Instant deviceTime, Instant receivedAt, Object payload, boolean outsideRecord) {
    this(type, deviceTime, receivedAt, payload, outsideRecord, List.of());
  }

  /** An event that joins the open procedure's record, if one is open. */
  public EventDraft(String type, Instant deviceTime, Instant receivedAt, Object payload) {
    this(type, deviceTime, receivedAt, payload, false);
  }

  /** The same event, with the files that belong to it. */
  public EventDraft withFiles(List<String> belonging) {
    return new EventDraft(type, deviceTime, receivedAt, payload, outsideRecord, belonging);
  }
}
