package org.procroom.gateway.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;
import org.procroom.gateway.store.RecordRules;

/**
 * Phase rules of a trigger point injection. Device events move the phase forward only where they
 * are unambiguous: antiseptic scanned -> preparation, local anaesthetic scanned -> local
 * anaesthesia, first ultrasound image or MPPS start -> guidance, steroid drawn up or an injection
 * entered -> injection. Staff phase marks move it either way. What looks out of order is a
 * warning, never a refusal.
 */
public final class TpiRules implements RecordRules {
  @Override
  public List<Derived> derive(Procedure procedure, DeviceEvent event, Facts facts) {
    Phase current = procedure.phase() == null ? Phase.ASSESSMENT : Phase.of(procedure.phase());
    List<Derived> derived = new ArrayList<>();
    JsonNode p = event.payload();
    switch (event.type()) {
      case EventTypes.BARCODE_SCAN -> {
        String drugClass = p.path("product").path("class").asText("");
        if (!p.path("severity").asText().equals("critical")) {
          switch (drugClass) {
            case "antiseptic" -> forward(derived, current, Phase.PREPARATION, event, "antiseptic scanned");
            case "local-anaesthetic" -> forward(derived, current, Phase.LOCAL_ANAESTHESIA, event,
                p.path("product").path("name").asText() + " scanned");
            case "corticosteroid" -> {
              if (!facts.hasEvent(procedure.id(), EventTypes.BARCODE_SCAN, "product.class", "local-anaesthetic")) {
                derived.add(warning(event, "steroid drawn up before any local anaesthetic was scanned"));
              }
              forward(derived, current, Phase.INJECTION, event, "steroid drawn up");
            }
            default -> { }
          }
        }
      }
      case EventTypes.DICOM_STORED -> forward(derived, current, Phase.GUIDANCE, event, "ultrasound image received");
      case EventTypes.MPPS_STARTED -> forward(derived, current, Phase.GUIDANCE, event, "ultrasound guidance started");
      case EventTypes.STAFF_INJECTION -> {
        if (!facts.hasEvent(procedure.id(), EventTypes.BARCODE_SCAN, "product.class", "local-anaesthetic")) {
          derived.add(warning(event, "injection recorded before any local anaesthetic was scanned"));
        }
        forward(derived, current, Phase.INJECTION, event, "injection entered by " + p.path("enteredBy").asText());
      }
      case EventTypes.STAFF_PHASE -> {
        Phase marked = Phase.of(p.path("phase").asText());
        if (marked != current) {
          if (marked.ordinal() < current.ordinal()) {
            derived.add(warning(event, "phase moved back from " + current.id() + " to " + marked.id()));
          }
          derived.add(change(current, marked, event, "marked by " + p.path("enteredBy").asText()));
        }
      }
      default -> { }
    }
    return derived;
  }

  private static void forward(List<Derived> derived, Phase current, Phase next, DeviceEvent cause, String why) {
    if (next.ordinal() > current.ordinal()) {
      derived.add(change(current, next, cause, why));
    }
  }

  private static Derived change(Phase from, Phase to, DeviceEvent cause, String why) {
    ObjectNode payload = EventJson.MAPPER.createObjectNode().put("phase", to.id()).put("previous", from.id());
    payload.putObject("cause").put("eventId", cause.eventId()).put("type", cause.type())
        .put("deviceId", cause.deviceId()).put("description", why);
    return new Derived(EventTypes.PROCEDURE_PHASE, payload, to.id());
  }

  private static Derived warning(DeviceEvent cause, String message) {
    ObjectNode payload = EventJson.MAPPER.createObjectNode().put("severity", "warning").put("message", message);
    payload.putObject("cause").put("eventId", cause.eventId()).put("type", cause.type());
    return new Derived(EventTypes.PROCEDURE_WARNING, payload, null);
  }
}
