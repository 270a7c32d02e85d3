package org.procroom.gateway.store;

import java.time.Instant;

/**
 * A procedure scheduled for the room, not yet started. When it opens, the procedure keeps this id,
 * so the study UID the worklist gave the modality stays the same.
 */
public record Scheduled(String id, String procedureType, String patientRef, String patientName,
    String accessionNumber, Instant scheduledAt) {}
