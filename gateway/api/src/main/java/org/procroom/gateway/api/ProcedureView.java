package org.procroom.gateway.api;

/**
 * What a driver may know of the open procedure, for point-of-care checks.
 *
 * @param id               procedure id
 * @param procedureType    e.g. {@code TPI}
 * @param patientRef       the patient the procedure is for (never log it at INFO)
 * @param patientVerified  a {@code patient.identified} event (wristband matched) is in its record
 */
public record ProcedureView(String id, String procedureType, String patientRef, boolean patientVerified) {}
