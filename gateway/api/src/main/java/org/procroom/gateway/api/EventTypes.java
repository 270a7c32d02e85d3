package org.procroom.gateway.api;

/**
 * The event types of the feed (docs/events.md): each names its payload schema and is the last
 * level of its topic. Drivers and the gateway name them from here, never by retyping them.
 */
public final class EventTypes {
  public static final String BARCODE_SCAN = "barcode.scan";
  public static final String BARCODE_REJECTED = "barcode.rejected";
  public static final String VITALS_OBSERVATION = "vitals.observation";
  public static final String VITALS_ALARM = "vitals.alarm";
  public static final String VITALS_REJECTED = "vitals.rejected";
  public static final String VITALS_QUARANTINED = "vitals.quarantined";
  public static final String DICOM_STORED = "dicom.stored";
  public static final String DICOM_QUARANTINED = "dicom.quarantined";
  public static final String DICOM_REJECTED = "dicom.rejected";
  public static final String DICOM_COMMITMENT = "dicom.commitment";
  public static final String MPPS_STARTED = "mpps.started";
  public static final String MPPS_UPDATED = "mpps.updated";
  public static final String MPPS_COMPLETED = "mpps.completed";
  public static final String MPPS_DISCONTINUED = "mpps.discontinued";
  public static final String MPPS_REFUSED = "mpps.refused";
  public static final String DEVICE_STATE = "device.state";
  public static final String PATIENT_IDENTIFIED = "patient.identified";
  public static final String PROCEDURE_OPENED = "procedure.opened";
  public static final String PROCEDURE_CLOSED = "procedure.closed";
  public static final String PROCEDURE_PHASE = "procedure.phase";
  public static final String PROCEDURE_WARNING = "procedure.warning";
  public static final String STAFF_SIGN_IN = "staff.sign-in";
  public static final String STAFF_INJECTION = "staff.injection";
  public static final String STAFF_TRIGGER_POINT = "staff.trigger-point";
  public static final String STAFF_PAIN_SCORE = "staff.pain-score";
  public static final String STAFF_PHASE = "staff.phase";
  public static final String RECORD_AMENDMENT = "record.amendment";
  public static final String CHARTING_PARKED = "charting.parked";
  /** An operator resent or dropped a parked charting message: who, which, and why. */
  public static final String CHARTING_OPERATOR = "charting.operator";
  /** A nurse marked a charted value as an artefact, with a reason: it is not filed. */
  public static final String CHARTING_ARTEFACT = "charting.artefact";
  /** A nurse released the procedure's charted values: they go to the chart as validated (OBX-11 F). */
  public static final String CHARTING_RELEASED = "charting.released";
  /** The record closed with charted values never released: they are not filed. */
  public static final String CHARTING_UNRELEASED = "charting.unreleased";
  /** The room's devices became associated with the record's identified patient, or no longer are. */
  public static final String PATIENT_ASSOCIATION = "patient.association";

  private EventTypes() {}
}
