package org.procroom.gateway.store;

/** A message waiting to be confirmed by the broker; published in {@code seq} order. */
public record OutboxMessage(long seq, String topic, byte[] payload, boolean retained, long createdMicros) {}
