package org.procroom.drivers.vitals.pcd01;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.gateway.api.ProcedureView;

/**
 * Whether a message is about the open procedure's patient. Only identifiers in the patient's own
 * domain are compared (PID-3 with an assigning authority from {@code patientIdAuthorities}, and
 * those without one when {@code compareUnqualifiedIds}); an identifier from another domain is
 * recorded, not compared; a message without PID comes from a room-bound device.
 */
final class PatientCheck {
  private final Set<String> authorities;
  private final boolean compareUnqualified;

  PatientCheck(List<String> authorities, boolean compareUnqualified) {
    this.authorities = Set.copyOf(authorities);
    this.compareUnqualified = compareUnqualified;
  }

  /** Why the message is for another patient than the open procedure's, or empty. */
  Optional<String> mismatch(ObservationSet set, Optional<ProcedureView> procedure) {
    if (set.patient() == null || procedure.isEmpty() || procedure.get().patientRef() == null) {
      return Optional.empty();
    }
    String expected = procedure.get().patientRef();
    boolean compared = false;
    for (ObservationSet.PatientId id : set.patient().identifiers()) {
      boolean ownDomain = id.authority() == null ? compareUnqualified : authorities.contains(id.authority());
      if (!ownDomain) {
        continue;
      }
      if (id.id().equals(expected)) {
        return Optional.empty();
      }
      compared = true;
    }
    return compared ? Optional.of("the monitor's message names another patient than the open procedure's"
        + " (PID-3 in the procedure patient's domain differs): kept in quarantine, not entered in the record")
        : Optional.empty();
  }
}
