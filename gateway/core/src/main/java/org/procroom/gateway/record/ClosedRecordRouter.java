package org.procroom.gateway.record;

import java.util.List;
import org.procroom.gateway.store.DeliveryRouter;
import org.procroom.gateway.store.Procedure;

/**
 * What a charting system takes of a closed record besides its FHIR bundle (the report as printed,
 * as an HL7 MDM^T02): queued in the same commit as the bundle, so neither goes without the other.
 */
public interface ClosedRecordRouter {
  List<DeliveryRouter.Delivery> deliveries(Procedure closed, byte[] reportPdf);
}
