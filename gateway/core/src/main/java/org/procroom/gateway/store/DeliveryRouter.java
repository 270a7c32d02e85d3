package org.procroom.gateway.store;

import java.util.List;
import org.procroom.gateway.api.DeviceEvent;

/**
 * What a committed event becomes for a consumer beside the feed (the interface engine): messages
 * queued in the event's own transaction, so nothing accepted is lost and nothing is queued twice.
 */
public interface DeliveryRouter {
  /**
   * @param queue   the consumer, e.g. {@code hl7}
   * @param key     the message's identity, unique in its queue and kept across resends (HL7 MSH-10)
   * @param payload the message as it goes on the wire
   * @param held    waits for a nurse's release before it may go ({@code charting.review: gateway})
   */
  record Delivery(String queue, String key, byte[] payload, boolean held) {
    public Delivery(String queue, String key, byte[] payload) {
      this(queue, key, payload, false);
    }
  }

  /** What the router may ask of the record inside the transaction. */
  interface Slots {
    /** Claims a slot (e.g. one vital sign's charting interval) for a procedure; false when already claimed. */
    boolean claim(String queue, String procedureId, String slot);

    /** The record's earlier entries of one type (e.g. the vials scanned before an injection). */
    default List<DeviceEvent> entries(String procedureId, String type) {
      return List.of();
    }
  }

  /** @param procedure the record the event joined; never null (events outside a record are not routed) */
  List<Delivery> deliveries(DeviceEvent event, Procedure procedure, Slots slots);
}
