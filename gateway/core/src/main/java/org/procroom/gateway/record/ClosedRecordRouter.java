package org.procroom.gateway.record;

import java.util.List;
import org.procroom.gateway.store.DeliveryRouter;
import org.procroom.gateway.store.Procedure;

/**
 * What a charting system takes of a closed record besides its FHIR bundle (the report as printed,
 * as an HL7 MDM^T02; the waveform windows as PCD-01): queued in the same commit as the bundle, so
 * neither goes without the other.
 */
public interface ClosedRecordRouter {
  /**
   * @param reportPdf the report as printed, or null where it could not be rendered
   * @param strips    the record's waveform windows, one run of one channel each
   */
  List<DeliveryRouter.Delivery> deliveries(Procedure closed, byte[] reportPdf, List<org.procroom.gateway.waves.StoredWave> strips);
}
