package org.procroom.gateway.store;

import java.time.Instant;

/**
 * A procedure scheduled for the room, not yet started. When it opens, the procedure keeps this id,
 * so the study UID the worklist gave the modality stays the same.
 *
 * @param source   who scheduled it: null for staff (the gateway's API), else the driver that
 *                 fetched it from the site's RIS
 * @param studyUid the study UID the RIS gave, or null: then it is derived from the id
 */
public record Scheduled(String id, String procedureType, String patientRef, String patientName,
    String accessionNumber, Instant scheduledAt, String source, String studyUid) {

  public String studyInstanceUid() {
    return studyUid != null ? studyUid : org.procroom.gateway.api.ProcedureView.studyInstanceUid(id);
  }
}
