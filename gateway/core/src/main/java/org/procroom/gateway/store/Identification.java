package org.procroom.gateway.store;

import java.util.List;
import java.util.Optional;
import org.procroom.gateway.api.DeviceEvent;

/**
 * Which scheduled procedure an event identifies the patient of (and so opens), decided inside the
 * committing transaction while no procedure is open.
 */
public interface Identification {
  /**
   * @param procedure   the scheduled procedure that opens
   * @param how         how the patient was identified (e.g. {@code wristband}), recorded as the opening's cause
   * @param confirmedBy set when the event also confirms the patient at the point of care (a
   *                    {@code patient.identified} entry follows the opening), else null
   */
  record Match(Scheduled procedure, String how, String confirmedBy) {}

  Optional<Match> match(DeviceEvent event, List<Scheduled> waiting);

  Identification NONE = (event, waiting) -> Optional.empty();
}
