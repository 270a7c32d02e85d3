package org.procroom.gateway.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.procroom.gateway.store.EventJson;

/**
 * What staff enter into the record (docs/openapi.yaml): each entry type with its fields checked,
 * who entered it always required. A bad entry is refused with the field and the rule.
 */
public final class StaffEntries {
  public static final Set<String> TYPES = Set.of("pain-score", "trigger-point", "injection", "guidance-mode",
      "adverse-event", "instructions", "follow-up", "phase");

  private StaffEntries() {}

  /** The payload of the {@code staff.<type>} event, or an {@link IllegalArgumentException} naming the field. */
  public static ObjectNode payload(String type, JsonNode body) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("type: expected one of " + String.join(", ", new java.util.TreeSet<>(TYPES)));
    }
    ObjectNode out = EventJson.MAPPER.createObjectNode();
    out.put("enteredBy", text(body, "enteredBy"));
    switch (type) {
      case "pain-score" -> {
        int score = body.path("score").asInt(-1);
        if (!body.path("score").isInt() || score < 0 || score > 10) {
          throw new IllegalArgumentException("score: a whole number from 0 to 10 (NRS) is required");
        }
        out.put("score", score).put("scale", "NRS-11").put("timing", oneOf(body, "timing", "before", "after"));
      }
      case "trigger-point" -> out.put("muscle", text(body, "muscle")).put("side", oneOf(body, "side", "left", "right",
          "bilateral", "midline"));
      case "injection" -> {
        out.put("site", text(body, "site"));
        double volume = body.path("volumeMl").asDouble(-1);
        if (!body.path("volumeMl").isNumber() || volume <= 0 || volume > 20) {
          throw new IllegalArgumentException("volumeMl: a volume above 0 and at most 20 mL is required");
        }
        out.put("volumeMl", volume);
        if (!body.path("drugs").isArray() || body.path("drugs").isEmpty()) {
          throw new IllegalArgumentException("drugs: a list of the drugs injected is required");
        }
        ArrayNode drugs = out.putArray("drugs");
        body.path("drugs").forEach(d -> drugs.add(d.asText()));
      }
      case "guidance-mode" -> out.put("mode", oneOf(body, "mode", "palpation", "ultrasound", "fluoroscopy"));
      case "adverse-event" -> out.put("kind", text(body, "kind")).put("description", body.path("description").asText(""))
          .put("severity", "warning");
      case "instructions" -> out.put("text", text(body, "text"));
      case "follow-up" -> {
        try {
          out.put("date", LocalDate.parse(text(body, "date")).toString());
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("date: expected YYYY-MM-DD");
        }
      }
      case "phase" -> {
        String phase = text(body, "phase");
        try {
          out.put("phase", Phase.of(phase).id());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("phase: unknown phase '" + phase + "'");
        }
      }
      default -> throw new IllegalStateException(type);
    }
    return out;
  }

  /** Payload of {@code record.amendment}: which event it corrects, who, why, and the corrected content. */
  public static ObjectNode amendment(JsonNode body) {
    ObjectNode out = EventJson.MAPPER.createObjectNode();
    out.put("corrects", text(body, "corrects")).put("enteredBy", text(body, "enteredBy")).put("reason", text(body, "reason"));
    out.set("correction", body.path("correction").isObject() ? body.get("correction")
        : EventJson.MAPPER.createObjectNode());
    return out;
  }

  private static String text(JsonNode body, String field) {
    String value = body.path(field).asText("").strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + ": required");
    }
    return value;
  }

  private static String oneOf(JsonNode body, String field, String... allowed) {
    String value = text(body, field);
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw new IllegalArgumentException(field + ": expected one of " + String.join(", ", allowed) + ", found '" + value + "'");
  }
}
