package org.procroom.gateway.mqtt;

import java.util.List;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.OutboxRouter;

/**
 * Every committed event becomes one message on its event topic; an event whose payload has a
 * {@code severity} of warning or critical is also copied to the room's alerts topic.
 */
public final class FeedRouter implements OutboxRouter {
  private final Topics topics;

  public FeedRouter(Topics topics) {
    this.topics = topics;
  }

  @Override
  public List<Route> routes(DeviceEvent event) {
    byte[] json = EventJson.toBytes(EventJson.toTree(event));
    String severity = event.payload().path("severity").asText("");
    if (severity.equals("warning") || severity.equals("critical")) {
      return List.of(new Route(topics.event(event), json, false), new Route(topics.alert(severity), json, false));
    }
    return List.of(new Route(topics.event(event), json, false));
  }
}
