package org.procroom.gateway.charting.archive;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.store.DeliveryRouter;
import org.procroom.gateway.store.Procedure;

/**
 * Each object a record received is queued for every archive in the commit that records it, so
 * none is forgotten and the record is not deleted before every archive confirmed its objects.
 * Not forwarded: quarantined objects (another patient's), an identical resend (the first is
 * queued), and a second object under a known SOP Instance UID (it would replace the first in the
 * archive; both stay on the box, flagged, for staff to sort out).
 */
public final class ArchiveRouter implements DeliveryRouter {
  private final List<ArchiveSettings> archives;

  public ArchiveRouter(List<ArchiveSettings> archives) {
    this.archives = List.copyOf(archives);
  }

  @Override
  public List<Delivery> deliveries(DeviceEvent event, Procedure procedure, Slots slots) {
    if (!EventTypes.DICOM_STORED.equals(event.type())) {
      return List.of();
    }
    JsonNode p = event.payload();
    if (!p.path("duplicate").isNull() && !p.path("duplicate").isMissingNode()) {
      return List.of();
    }
    ForwardedObject object = ForwardedObject.of(p);
    return archives.stream().map(a -> new Delivery(a.queue(), object.file(), object.bytes())).toList();
  }
}
