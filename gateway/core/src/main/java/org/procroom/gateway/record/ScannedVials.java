package org.procroom.gateway.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;

/**
 * Which vial scanned in the record an injected drug was drawn from: the drug's words name the
 * product ("lidocaine 1%" is Lidocaine hydrochloride 1%), and only vials the checks let pass count
 * (an expired or recalled one, critical, was never given).
 */
public final class ScannedVials {
  private ScannedVials() {}

  /** The scans that may have been given: medication, not critical; payloads, in record order. */
  public static List<JsonNode> usable(List<DeviceEvent> entries) {
    return entries.stream().filter(e -> e.type().equals(EventTypes.BARCODE_SCAN)).map(DeviceEvent::payload)
        .filter(ScannedVials::usable).toList();
  }

  public static boolean usable(JsonNode scan) {
    return scan.path("classification").asText().equals("medication")
        && !scan.path("severity").asText().equals("critical");
  }

  /** The last usable scan that names the drug (the vial in hand at the injection). */
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
