package org.procroom.gateway.charting.hl7;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.record.ScannedVials;
import org.procroom.gateway.store.DeliveryRouter;
import org.procroom.gateway.store.Procedure;

/**
 * A recorded injection as HL7 v2.6 RAS^O17 (pharmacy/treatment administration), queued with the
 * vitals for the interface engine. The staff entry names the drugs drawn up together, the total
 * volume and the site: one RXA gives the mixture as administered (its drugs in words, the volume
 * in mL, who gave it, when, and the lot and expiry of each drug's vial as scanned in the record),
 * RXR the route (intramuscular: a trigger point is in the muscle) and the site.
 */
public final class Ras017Out implements DeliveryRouter {
  private final Hl7Segments segments;

  public Ras017Out(Hl7Settings settings, String room, GatewayClock clock) {
    this.segments = new Hl7Segments(settings, room, clock);
  }

  @Override
  public List<Delivery> deliveries(DeviceEvent event, Procedure procedure, Slots slots) {
    if (!event.type().equals(EventTypes.STAFF_INJECTION) || procedure.associatedAt() == null) {
      return List.of();
    }
    List<JsonNode> vials = ScannedVials.medication(slots.entries(procedure.id(), EventTypes.BARCODE_SCAN));
    return List.of(new Delivery(Pcd01Out.QUEUE, event.eventId(),
        message(event, procedure, vials).getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code vials}: the record's medication scans before the entry; the drugs' lots and expiry come from them. */
  String message(DeviceEvent event, Procedure procedure, List<JsonNode> vials) {
    JsonNode p = event.payload();
    List<String> drugs = new ArrayList<>();
    p.path("drugs").forEach(d -> drugs.add(d.asText()));
    String given = Hl7Text.time(event.receivedAt());
    String by = Hl7Text.escape(p.path("enteredBy").asText());
    StringBuilder m = new StringBuilder();
    segments.msh(m, "RAS^O17^RAS_O17", event.eventId(), false);
    segments.patient(m, procedure);
    m.append("ORC|RE|").append(procedure.id()).append("^PROCROOM|").append(event.eventId())
        .append("^PROCROOM||CM||||").append(given).append('|').append(by).append('\r');
    // RXA-15 and RXA-16 repeat: the lot and expiry of each drug's vial, as scanned (empty where none was).
    List<String> lots = new ArrayList<>();
    List<String> expiries = new ArrayList<>();
    for (String drug : drugs) {
      // The vial in hand, only if it passed the checks: a failed one was not given, an earlier one not this one.
      JsonNode decoded = ScannedVials.forDrug(drug, vials).filter(ScannedVials::usable).map(v -> v.path("decoded"))
          .orElse(null);
      lots.add(decoded == null ? "" : Hl7Text.escape(decoded.path("lot").asText("")));
      expiries.add(decoded == null || !decoded.hasNonNull("expiry") ? ""
          : decoded.path("expiry").asText().replace("-", ""));
    }
    boolean scanned = lots.stream().anyMatch(l -> !l.isEmpty()) || expiries.stream().anyMatch(x -> !x.isEmpty());
    m.append("RXA|0|1|").append(given).append('|').append(given).append("|^")
        .append(Hl7Text.escape(String.join(" + ", drugs))).append("^L|")
        .append(Hl7Text.number(p.path("volumeMl").asDouble())).append("|mL^mL^UCUM||")
        .append(drugs.size() > 1 ? "^drawn up together: the volume is the mixture's" : "").append('|').append(by)
        .append('|').append(Hl7Text.escape(segments.room())).append("||||")
        .append(scanned ? String.join("~", lots) : "").append('|').append(scanned ? String.join("~", expiries) : "")
        .append("||||CP|A\r");
    m.append("RXR|IM^Intramuscular^HL70162|^").append(Hl7Text.escape(p.path("site").asText())).append('\r');
    return m.toString();
  }
}
