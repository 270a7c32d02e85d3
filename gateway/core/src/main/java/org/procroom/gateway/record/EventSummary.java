package org.procroom.gateway.record;

import com.fasterxml.jackson.databind.JsonNode;
import org.procroom.gateway.api.EventTypes;

/** Events in a line each, for the live timeline and the record report; no patient identifiers. */
public final class EventSummary {
  private EventSummary() {}

  /** One line for an event in the feed shape, as staff would read it. */
  public static String of(JsonNode event) {
    JsonNode p = event.path("payload");
    return switch (event.path("type").asText()) {
      case EventTypes.BARCODE_SCAN -> scan(p);
      case EventTypes.VITALS_OBSERVATION -> vitals(p);
      case EventTypes.DICOM_STORED, EventTypes.DICOM_QUARANTINED -> "[" + p.path("severity").asText().toUpperCase(java.util.Locale.ROOT)
          + "] " + p.path("modality").asText() + (p.path("frames").asInt() > 1 ? " cine " + p.path("frames").asInt()
          + " frames" : " image") + ", acquired " + p.path("acquisitionTime").asText() + " (modality clock "
          + skew(event) + ")" + (p.path("reason").isNull() ? "" : " - " + p.path("reason").asText());
      case EventTypes.MPPS_STARTED, EventTypes.MPPS_COMPLETED, EventTypes.MPPS_DISCONTINUED, EventTypes.MPPS_UPDATED, EventTypes.MPPS_REFUSED ->
          "[" + p.path("severity").asText().toUpperCase(java.util.Locale.ROOT) + "] performed procedure step "
          + p.path("status").asText() + (p.path("reason").isNull() ? "" : " - " + p.path("reason").asText());
      case EventTypes.DICOM_COMMITMENT -> "[" + p.path("severity").asText().toUpperCase(java.util.Locale.ROOT)
          + "] storage commitment " + p.path("state").asText() + ": " + p.path("committed").asInt() + " of "
          + p.path("requested").asInt() + " objects committed" + (p.path("reason").isNull() ? "" : " - " + p.path("reason").asText());
      case EventTypes.VITALS_REJECTED -> "REJECTED: " + p.path("reason").asText();
      case EventTypes.VITALS_ALARM -> alarms(p);
      case EventTypes.PATIENT_IDENTIFIED -> "patient identified (" + p.path("method").asText() + ")";
      case EventTypes.BARCODE_REJECTED -> "REJECTED: " + p.path("reason").asText();
      case EventTypes.DEVICE_STATE -> p.path("state").asText() + " (" + p.path("reason").asText() + ")";
      case EventTypes.PROCEDURE_OPENED -> "procedure " + event.path("procedureId").asText() + " opened (" + p.path("procedureType").asText() + ")";
      case EventTypes.PROCEDURE_CLOSED -> "procedure closed";
      case EventTypes.PROCEDURE_PHASE -> "phase " + p.path("previous").asText() + " -> " + p.path("phase").asText() + " ("
          + p.path("cause").path("description").asText() + ")";
      case EventTypes.PROCEDURE_WARNING -> "[WARNING] " + p.path("message").asText();
      case EventTypes.PATIENT_ASSOCIATION -> p.path("state").asText().equals("started")
          ? "devices associated with the patient (" + p.path("how").asText() + "): charting starts"
          : "devices no longer associated with the patient: charting ends";
      case EventTypes.CHARTING_ARTEFACT -> "charted " + p.path("code").asText() + " marked as an artefact ("
          + p.path("reason").asText() + ") by " + p.path("enteredBy").asText();
      case EventTypes.CHARTING_RELEASED -> "charted values released to the chart by " + p.path("enteredBy").asText() + ": "
          + p.path("messages").asInt() + " message(s)" + (p.path("withheld").asInt() > 0
          ? ", " + p.path("withheld").asInt() + " withheld as artefacts" : "");
      case EventTypes.CHARTING_UNRELEASED -> "[WARNING] " + p.path("message").asText();
      case EventTypes.CHARTING_PARKED -> "[WARNING] the " + p.path("queue").asText() + " receiver refused "
          + p.path("messageKey").asText() + ": " + p.path("reason").asText();
      case EventTypes.CHARTING_OPERATOR -> p.path("queue").asText() + " message " + p.path("messageKey").asText() + " "
          + (p.path("action").asText().equals("drop") ? "dropped (" + p.path("reason").asText() + ")" : "sent again")
          + " by " + p.path("enteredBy").asText();
      case EventTypes.RECORD_AMENDMENT -> "amendment of " + p.path("corrects").asText() + " by " + p.path("enteredBy").asText()
          + ": " + p.path("reason").asText();
      default -> event.path("type").asText().startsWith("staff.") ? staff(event.path("type").asText().substring(6), p)
          : p.toString();
    };
  }

  /** Device clock minus gateway clock, as staff would read it. */
  private static String skew(JsonNode event) {
    if (event.path("deviceTime").isNull()) {
      return "unknown";
    }
    long ms = java.time.Duration.between(java.time.Instant.parse(event.path("receivedAt").asText()),
        java.time.Instant.parse(event.path("deviceTime").asText())).toMillis();
    return String.format(java.util.Locale.ROOT, "%+.1f s", ms / 1000.0);
  }

  private static final java.util.Map<String, String> SHORT = java.util.Map.of(
      "MDC_ECG_HEART_RATE", "HR", "MDC_PRESS_CUFF_SYS", "NIBP", "MDC_PRESS_CUFF_DIA", "/",
      "MDC_PRESS_BLD_NONINV_SYS", "NIBP", "MDC_PRESS_BLD_NONINV_DIA", "/",
      "MDC_PULS_OXIM_SAT_O2", "SpO2", "MDC_PULS_OXIM_PULS_RATE", "PR", "MDC_RESP_RATE", "RR");

  private static String vitals(JsonNode p) {
    StringBuilder line = new StringBuilder("[" + p.path("severity").asText().toUpperCase(java.util.Locale.ROOT) + "]");
    for (JsonNode o : p.path("observations")) {
      String label = SHORT.get(o.path("code").asText());
      if (label != null) {
        String value = o.has("value") ? String.valueOf(Math.round(o.path("value").asDouble())) : o.path("status").asText();
        line.append(label.equals("/") ? "/" + value : " " + label + " " + value);
      }
    }
    for (JsonNode f : p.path("findings")) {
      if (!f.path("code").asText().equals("TECHNICAL")) {
        line.append(" - ").append(f.path("code").asText());
      }
    }
    return line.toString();
  }

  /** What staff would read on the screen; no patient identifiers. */
  private static String scan(JsonNode p) {
    String what = switch (p.path("classification").asText()) {
      case "medication", "supply" -> p.path("product").path("name").asText() + " "
          + p.path("product").path("strength").asText("") + " lot " + p.path("decoded").path("lot").asText("?")
          + " exp " + p.path("decoded").path("expiry").asText("?");
      case "wristband" -> "patient wristband";
      case "badge" -> "staff badge " + p.path("staffId").asText();
      default -> "unknown scan";
    };
    JsonNode first = p.path("findings").path(0);
    String severity = p.path("severity").asText().toUpperCase(java.util.Locale.ROOT);
    return "[" + severity + "] " + what.replaceAll("\\s+", " ").strip()
        + (first.isMissingNode() ? "" : " - " + first.path("code").asText() + ": " + first.path("message").asText());
  }

  private static String staff(String entry, JsonNode p) {
    String by = " (" + p.path("enteredBy").asText() + ")";
    return switch (entry) {
      case "pain-score" -> "pain " + p.path("score").asText() + "/10 " + p.path("timing").asText() + by;
      case "trigger-point" -> "trigger point " + p.path("muscle").asText() + ", " + p.path("side").asText() + by;
      case "injection" -> "injection at " + p.path("site").asText() + ": " + p.path("volumeMl").asText() + " mL "
          + p.path("drugs").toString() + by;
      case "guidance-mode" -> "guidance by " + p.path("mode").asText() + by;
      case "adverse-event" -> "[WARNING] adverse event " + p.path("kind").asText() + " " + p.path("description").asText() + by;
      case "instructions" -> "instructions given: " + p.path("text").asText() + by;
      case "follow-up" -> "follow-up on " + p.path("date").asText() + by;
      case "phase" -> "phase marked " + p.path("phase").asText() + by;
      default -> p.toString();
    };
  }

  /** "[WARNING] alarm HR Low (high, physiological, active)" for each alarm, or the list cleared. */
  private static String alarms(JsonNode p) {
    if (p.path("alarms").isEmpty()) {
      return "alarms cleared";
    }
    java.util.List<String> each = new java.util.ArrayList<>();
    p.path("alarms").forEach(a -> each.add((a.hasNonNull("text") ? a.path("text").asText() : a.path("code").asText())
        + " (" + String.join(", ", java.util.stream.Stream.of("priority", "kind", "state")
            .filter(a::hasNonNull).map(k -> a.path(k).asText()).toList()) + ")"));
    return "[" + p.path("severity").asText().toUpperCase(java.util.Locale.ROOT) + "] alarm " + String.join("; ", each);
  }
}
