package org.procroom.gateway.api;

/**
 * What a driver may know of the open procedure, for point-of-care checks.
 *
 * @param id               procedure id
 * @param procedureType    e.g. {@code TPI}
 * @param patientRef       the patient the procedure is for (never log it at INFO)
 * @param patientVerified  a {@code patient.identified} event (wristband matched) is in its record
 * @param patientName      as the hospital spells it (DICOM PN form, e.g. {@code Doe^Jane}), or null
 * @param accessionNumber  the order's accession number, or null
 * @param openedAt         when it was opened
 * @param siteStudyUid     the study UID the site's RIS gave, or null
 */
public record ProcedureView(String id, String procedureType, String patientRef, boolean patientVerified,
    String patientName, String accessionNumber, java.time.Instant openedAt, String siteStudyUid) {

  public ProcedureView(String id, String procedureType, String patientRef, boolean patientVerified,
      String patientName, String accessionNumber, java.time.Instant openedAt) {
    this(id, procedureType, patientRef, patientVerified, patientName, accessionNumber, openedAt, null);
  }

  /**
   * The study's DICOM UID: the RIS's when it scheduled the procedure, else derived from the
   * procedure id (ISO/IEC 9834-8 UUID form, {@code 2.25.<integer>}).
   */
  public String studyInstanceUid() {
    return siteStudyUid != null ? siteStudyUid : studyInstanceUid(id);
  }

  /** The study UID of a procedure (or scheduled procedure) id. */
  public static String studyInstanceUid(String id) {
    java.util.UUID uuid = java.util.UUID.fromString(id);
    java.math.BigInteger value = new java.math.BigInteger(1, java.nio.ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
    return "2.25." + value;
  }
}
