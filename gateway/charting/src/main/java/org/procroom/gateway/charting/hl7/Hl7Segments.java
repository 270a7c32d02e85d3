package org.procroom.gateway.charting.hl7;

import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.store.Procedure;

/** The segments every message to the interface engine starts with: MSH, PID and PV1. */
final class Hl7Segments {
  private static final String PCD_PROFILE = "IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO";

  private final Hl7Settings settings;
  private final String room;
  private final GatewayClock clock;

  Hl7Segments(Hl7Settings settings, String room, GatewayClock clock) {
    this.settings = settings;
    this.room = room;
    this.clock = clock;
  }

  String room() {
    return room;
  }

  /**
   * MSH with the room's names, accept acknowledgements always, UTF-8, v2.6.
   *
   * @param type      e.g. {@code ORU^R01^ORU_R01}
   * @param pcdProfile true for PCD-01 (MSH-21 IHE_PCD_001)
   */
  void msh(StringBuilder m, String type, String controlId, boolean pcdProfile) {
    m.append("MSH|^~\\&|").append(Hl7Text.escape(settings.sendingApplication())).append('|')
        .append(Hl7Text.escape(settings.sendingFacility())).append('|')
        .append(Hl7Text.escape(settings.receivingApplication())).append('|')
        .append(Hl7Text.escape(settings.receivingFacility())).append('|').append(Hl7Text.time(clock.now()))
        .append("||").append(type).append('|').append(controlId).append("|P|2.6|||AL|NE||UNICODE UTF-8");
    if (pcdProfile) {
      m.append("|||").append(PCD_PROFILE);
    }
    m.append('\r');
  }

  /** PID from the procedure's identified patient; PV1 with the room as the point of care. */
  void patient(StringBuilder m, Procedure procedure) {
    m.append("PID|||").append(Hl7Text.escape(procedure.patientRef())).append("^^^")
        .append(Hl7Text.escape(settings.patientIdAuthority())).append("^MR||")
        .append(Hl7Text.personName(procedure.patientName())).append('\r');
    m.append("PV1||O|").append(Hl7Text.escape(room)).append('\r');
  }
}
