package org.procroom.gateway.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;

/**
 * Which vial scanned in the record an injected drug was drawn from: the last vial scanned of the
 * product the drug's words name ("lidocaine 1%" is Lidocaine hydrochloride 1%). When that vial failed
 * the checks (critical: expired, recalled) it was not given, and no earlier vial is reported in its
 * place: the caller reports none.
 */
public final class ScannedVials {
  private ScannedVials() {}

  /** The record's medication scans, whatever the checks said; payloads, in record order. */
  public static List<JsonNode> medication(List<DeviceEvent> entries) {
    return entries.stream().filter(e -> e.type().equals(EventTypes.BARCODE_SCAN)).map(DeviceEvent::payload)
        .filter(p -> p.path("classification").asText().equals("medication")).toList();
  }

  /** A scan the checks let pass (not critical): a vial that may have been given. */
  public static boolean usable(JsonNode scan) {
    return scan.path("classification").asText().equals("medication")
        && !scan.path("severity").asText().equals("critical");
  }

  /** The last scan that names the drug (the vial in hand at the injection), usable or not. */
  public static Optional<JsonNode> forDrug(String drug, List<JsonNode> scans) {
    String wanted = drug.toLowerCase(Locale.ROOT);
    JsonNode found = null;
    for (JsonNode scan : scans) {
      JsonNode product = scan.path("product");
      String name = product.path("name").asText().toLowerCase(Locale.ROOT);
      String strength = product.path("strength").asText("").toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && wanted.startsWith(name.split(" ")[0]) && (strength.isEmpty() || wanted.contains(strength))) {
        found = scan;
      }
    }
    return Optional.ofNullable(found);
  }
}
