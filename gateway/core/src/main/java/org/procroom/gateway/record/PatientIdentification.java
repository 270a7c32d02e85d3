package org.procroom.gateway.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.store.Identification;
import org.procroom.gateway.store.Scheduled;

/**
 * A scheduled procedure opens when its patient is identified: a wristband scan of that patient
 * (which also confirms the patient at the point of care), or a worklist match (the modality starts
 * a performed step for the scheduled study).
 */
public final class PatientIdentification implements Identification {
  @Override
  public Optional<Match> match(DeviceEvent event, List<Scheduled> waiting) {
    JsonNode p = event.payload();
    if (event.type().equals(EventTypes.BARCODE_SCAN) && p.path("classification").asText().equals("wristband")) {
      String patient = p.path("patientRef").asText();
      return waiting.stream().filter(s -> s.patientRef().equals(patient)).findFirst()
          .map(s -> new Match(s, "wristband", "wristband scan"));
    }
    if (event.type().equals(EventTypes.MPPS_STARTED)) {
      String study = p.path("studyInstanceUid").asText();
      return waiting.stream().filter(s -> s.studyInstanceUid().equals(study)).findFirst()
          .map(s -> new Match(s, "worklist", null));
    }
    return Optional.empty();
  }
}
