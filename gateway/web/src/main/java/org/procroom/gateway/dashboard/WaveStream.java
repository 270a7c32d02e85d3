package org.procroom.gateway.dashboard;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.procroom.gateway.api.WaveSegment;

/**
 * Live waveform segments to open dashboards as server-sent events, for the sweeping strips. A
 * screen that cannot keep up misses segments (it draws a break there, counted in {@link #skipped})
 * rather than let its backlog grow: each screen holds at most {@link #MAX_QUEUED_BYTES} queued.
 */
final class WaveStream {
  static final int MAX_QUEUED_BYTES = 256 * 1024;

  private record Client(HttpServerResponse response, Context context) {}

  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong skipped = new AtomicLong();

  void add(HttpServerResponse response, Context context) {
    Client client = new Client(response, context);
    LiveFeed.open(response, MAX_QUEUED_BYTES);
    clients.add(client);
    response.closeHandler(v -> clients.remove(client));
  }

  /** Called on the wave store's writer thread: formats once, writes on each screen's event loop. */
  void segment(String deviceId, WaveSegment s) {
    if (clients.isEmpty()) {
      return;
    }
    String text = "event: wave\ndata: " + json(deviceId, s) + "\n\n";
    for (Client c : clients) {
      c.context().runOnContext(v -> {
        if (c.response().writeQueueFull()) {
          skipped.incrementAndGet();
        } else {
          c.response().write(text);
        }
      });
    }
  }

  long skipped() {
    return skipped.get();
  }

  /** Compact: device, channel, unit, period in us, first sequence, gap before, flags, scale, offset, raw samples. */
  static String json(String deviceId, WaveSegment s) {
    StringBuilder b = new StringBuilder(64 + 8 * s.size());
    b.append("{\"d\":").append(quote(deviceId)).append(",\"c\":").append(quote(s.channel()))
        .append(",\"u\":").append(s.unit() == null ? "null" : quote(s.unit()))
        .append(",\"p\":").append(s.samplePeriod().toNanos() / 1000.0)
        .append(",\"s\":").append(s.firstSequence())
        .append(",\"g\":").append(s.gapBefore() != null)
        .append(",\"k\":").append(s.scale()).append(",\"o\":").append(s.offset())
        .append(",\"f\":[");
    for (int i = 0; i < s.flags().size(); i++) {
      b.append(i == 0 ? "" : ",").append(quote(s.flags().get(i)));
    }
    b.append("],\"r\":[");
    for (int i = 0; i < s.size(); i++) {
      b.append(i == 0 ? "" : ",").append(s.raw(i));
    }
    return b.append("]}").toString();
  }

  private static String quote(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : text.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.append('"').toString();
  }
}
