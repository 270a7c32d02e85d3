package org.procroom.gateway.store;

import java.time.Instant;

/**
 * One procedure record.
 *
 * @param id            time-ordered UUID; appears in topics, so it is never a patient identifier
 * @param room          room of the gateway that opened it
 * @param procedureType e.g. {@code TPI}
 * @param patientRef    the patient's identifier as the hospital knows it; never logged at INFO nor put in topics
 * @param state         open or closed
 * @param openedAt      gateway time of opening
 * @param closedAt      gateway time of closing, or null while open
 * @param lastRecordSeq record sequence number of its latest event
 * @param patientVerified a {@code patient.identified} event is in the record
 * @param patientName   DICOM PN form, or null
 * @param accessionNumber the order's accession number, or null
 * @param phase         current phase id (e.g. {@code guidance}), or null for a record kept before phases
 * @param associatedAt  since when the room's devices are associated with the identified patient (a
 *                      wristband, or the worklist), or null: until then nothing of the record is charted
 */
public record Procedure(
    String id,
    String room,
    String procedureType,
    String patientRef,
    State state,
    Instant openedAt,
    Instant closedAt,
    long lastRecordSeq,
    boolean patientVerified,
    String patientName,
    String accessionNumber,
    String phase,
    Instant associatedAt) {

  public enum State { OPEN, CLOSED }

  /** A record of a patient typed in (not identified), with no association yet. */
  public Procedure(String id, String room, String procedureType, String patientRef, State state, Instant openedAt,
      Instant closedAt, long lastRecordSeq, boolean patientVerified, String patientName, String accessionNumber,
      String phase) {
    this(id, room, procedureType, patientRef, state, openedAt, closedAt, lastRecordSeq, patientVerified, patientName,
        accessionNumber, phase, null);
  }

  Procedure withLastRecordSeq(long seq) {
    return new Procedure(id, room, procedureType, patientRef, state, openedAt, closedAt, seq, patientVerified, patientName,
        accessionNumber, phase, associatedAt);
  }

  Procedure closed(Instant at) {
    return new Procedure(id, room, procedureType, patientRef, State.CLOSED, openedAt, at, lastRecordSeq, patientVerified,
        patientName, accessionNumber, phase, associatedAt);
  }

  Procedure inPhase(String next) {
    return new Procedure(id, room, procedureType, patientRef, state, openedAt, closedAt, lastRecordSeq, patientVerified,
        patientName, accessionNumber, next, associatedAt);
  }

  Procedure verified() {
    return new Procedure(id, room, procedureType, patientRef, state, openedAt, closedAt, lastRecordSeq, true, patientName,
        accessionNumber, phase, associatedAt);
  }

  Procedure associated(Instant at) {
    return new Procedure(id, room, procedureType, patientRef, state, openedAt, closedAt, lastRecordSeq, patientVerified,
        patientName, accessionNumber, phase, at);
  }
}
