package org.procroom.gateway.api;

import java.time.Instant;

/**
 * A procedure step the site's RIS scheduled for the room, as its worklist answered it: the order
 * (accession number), the patient, when, and the study UID the modality must reuse.
 *
 * @param patientRef the RIS's patient id (never log it at INFO)
 */
public record ScheduledStep(String accessionNumber, String patientRef, String patientName, String procedureType,
    Instant scheduledAt, String studyInstanceUid) {}
