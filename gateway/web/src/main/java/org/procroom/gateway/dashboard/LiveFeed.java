package org.procroom.gateway.dashboard;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.procroom.gateway.api.DeviceEvent;

/**
 * Server-sent events to open dashboards: every committed event as it is committed, and device
 * status every few seconds. A screen that cannot keep up is dropped (it reconnects and reloads its
 * state) rather than let its backlog grow.
 */
final class LiveFeed {
  private static final int MAX_QUEUED_BYTES = 1 << 20;

  private record Client(HttpServerResponse response, Context context) {}

  private final Set<Client> clients = ConcurrentHashMap.newKeySet();

  void add(HttpServerResponse response, Context context) {
    Client client = new Client(response, context);
    open(response, MAX_QUEUED_BYTES);
    clients.add(client);
    response.closeHandler(v -> clients.remove(client));
  }

  /** Called on the store's writer thread: each client's writes happen on its own event loop. */
  void events(List<DeviceEvent> events) {
    if (clients.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (DeviceEvent e : events) {
      text.append("event: event\ndata: ").append(DashboardApi.view(e)).append("\n\n");
    }
    send(text.toString());
  }

  void status(String json) {
    send("event: status\ndata: " + json + "\n\n");
  }

  /** Starts a server-sent event stream on {@code response}, at most {@code maxQueuedBytes} waiting for the screen. */
  static void open(HttpServerResponse response, int maxQueuedBytes) {
    response.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache")
        .setWriteQueueMaxSize(maxQueuedBytes);
    response.write("retry: 2000\n\n");
  }

  int clients() {
    return clients.size();
  }

  private void send(String text) {
    for (Client c : clients) {
      c.context().runOnContext(v -> {
        if (c.response().writeQueueFull()) {
          clients.remove(c);
          c.response().reset();
        } else {
          c.response().write(text);
        }
      });
    }
  }
}
