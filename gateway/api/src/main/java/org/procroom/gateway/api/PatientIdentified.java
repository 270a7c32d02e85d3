package org.procroom.gateway.api;

/**
 * Payload of {@code patient.identified}: the patient of the open procedure was confirmed at the
 * point of care (e.g. wristband scanned and matching). The record remembers it across restarts.
 */
public record PatientIdentified(String patientRef, String method) {
  public static final String EVENT_TYPE = EventTypes.PATIENT_IDENTIFIED;
}
