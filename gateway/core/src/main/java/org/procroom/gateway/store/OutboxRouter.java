package org.procroom.gateway.store;

import java.util.List;
import org.procroom.gateway.api.DeviceEvent;

/** Decides, inside the committing transaction, which messages an event becomes. */
public interface OutboxRouter {
  record Route(String topic, byte[] payload, boolean retained) {}

  List<Route> routes(DeviceEvent event);
}
