package org.procroom.gateway.store;

import java.time.Instant;

/**
 * One message of a delivery queue and where it stands.
 *
 * @param state {@code held} (waits for a nurse's release), {@code pending} (to send), {@code delivered} (acknowledged), {@code parked} (refused by
 *              the receiver; waits for an operator), {@code dropped} (an operator gave it up, with a reason)
 */
public record QueuedDelivery(long seq, String queue, String procedureId, String key, byte[] payload, String state,
    int attempts, String lastError, Instant createdAt, Instant updatedAt) {
  public static final String HELD = "held";
  public static final String PENDING = "pending";
  public static final String DELIVERED = "delivered";
  public static final String PARKED = "parked";
  public static final String DROPPED = "dropped";
}
