package org.procroom.gateway.charting.hl7;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.record.ClosedRecordRouter;
import org.procroom.gateway.store.DeliveryRouter.Delivery;
import org.procroom.gateway.store.Procedure;

/**
 * A closed record's clinical report as printed, as HL7 v2.6 MDM^T02 (original document notification
 * and content) for the interface engine: TXA a procedure note (HL7 table 0270 PN) of the
 * procedure, documented at its close, and one OBX of type ED with the PDF in Base64, queued with the
 * vitals and injections of the same record.
 */
public final class MdmOut implements ClosedRecordRouter {
  private final Hl7Segments segments;
  private final GatewayClock clock;

  public MdmOut(Hl7Settings settings, String room, GatewayClock clock) {
    this.segments = new Hl7Segments(settings, room, clock);
    this.clock = clock;
  }

  @Override
  public List<Delivery> deliveries(Procedure closed, byte[] reportPdf, List<org.procroom.gateway.waves.StoredWave> strips) {
    if (reportPdf == null) {
      return List.of();
    }
    String controlId = "report-" + closed.id();
    return List.of(new Delivery(Pcd01Out.QUEUE, controlId, message(closed, reportPdf, controlId)
        .getBytes(StandardCharsets.UTF_8)));
  }

  String message(Procedure closed, byte[] pdf, String controlId) {
    String at = Hl7Text.time(closed.closedAt() != null ? closed.closedAt() : clock.now());
    StringBuilder m = new StringBuilder();
    segments.msh(m, "MDM^T02^MDM_T02", controlId, false);
    m.append("EVN||").append(Hl7Text.time(clock.now())).append('\r');
    segments.patient(m, closed);
    // TXA-2 PN procedure note, -3 AP application data, -4 activity time, -12 the document's id,
    // -17 DO documented, -19 AV available.
    m.append("TXA|1|PN^Procedure note^HL70270|AP|").append(at).append("||||||||").append(Hl7Text.escape(closed.id()))
        .append("^PROCROOM|||||DO||AV\r");
    // ED: source application, type of data (HL7 0191 AP), subtype (0291 PDF), encoding (0299 Base64), data.
    m.append("OBX|1|ED|28570-0^Procedure note^LN||PROCROOM^AP^PDF^Base64^")
        .append(Base64.getEncoder().encodeToString(pdf)).append("||||||F|||").append(at).append('\r');
    return m.toString();
  }
}
