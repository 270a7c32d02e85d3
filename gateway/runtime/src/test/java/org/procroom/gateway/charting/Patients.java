package org.procroom.gateway.charting;

import org.procroom.gateway.Gateway;
import org.procroom.gateway.store.Procedure;
import org.procroom.gateway.store.Scheduled;

/** How the charting tests open a record whose patient is identified, as charting needs. */
final class Patients {
  private Patients() {}

  /** The site's worklist entry for SIM-PATIENT, confirmed by staff: the room's devices are associated with her. */
  static Procedure openFromWorklist(Gateway gateway) throws Exception {
    Scheduled s = gateway.store().schedule("TPI", "SIM-PATIENT", "DOE^JANE", null, gateway.clock().now()).get();
    return gateway.store().openScheduled(s.id(), gateway.clock().now()).get();
  }
}
