package org.procroom.gateway.api;

import java.time.Instant;

/**
 * Snapshot of one driver.
 *
 * @param state      connection state
 * @param reason     why it is in that state, in words an engineer can act on
 * @param since      when it entered the state
 * @param lastDataAt receive time of the last event it emitted, or null
 */
public record DriverStatus(DriverState state, String reason, Instant since, Instant lastDataAt) {}
