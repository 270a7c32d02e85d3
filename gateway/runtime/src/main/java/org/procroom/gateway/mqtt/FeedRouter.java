package org.procroom.gateway.mqtt;

import java.util.List;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.OutboxRouter;

/** Every committed event becomes one message on its event topic. */
public final class FeedRouter implements OutboxRouter {
  private final Topics topics;

  public FeedRouter(Topics topics) {
    this.topics = topics;
  }

  @Override
  public List<Route> routes(DeviceEvent event) {
    return List.of(new Route(topics.event(event), EventJson.toBytes(EventJson.toTree(event)), false));
  }
}
