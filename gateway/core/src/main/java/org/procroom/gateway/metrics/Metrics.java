package org.procroom.gateway.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The gateway's counters, gauges and one latency histogram, written as Prometheus text
 * exposition format (version 0.0.4). Small on purpose: a handful of series, no dependency.
 */
public final class Metrics {
  private static final double[] LATENCY_BUCKETS_SECONDS =
      {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
  private final LongAdder published = new LongAdder();
  private final LongAdder storeFailures = new LongAdder();
  private final LongAdder publishRefusals = new LongAdder();
  private final AtomicLong[] latencyBuckets = new AtomicLong[LATENCY_BUCKETS_SECONDS.length + 1];
  private final LongAdder latencyCount = new LongAdder();
  private final AtomicLong latencySumMicros = new AtomicLong();

  public Metrics() {
    for (int i = 0; i < latencyBuckets.length; i++) {
      latencyBuckets[i] = new AtomicLong();
    }
  }

  public void received(String deviceId) {
    received.computeIfAbsent(deviceId, k -> new LongAdder()).increment();
  }

  public void storeFailed() {
    storeFailures.increment();
  }

  public void publishRefused() {
    publishRefusals.increment();
  }

  /** One message confirmed by the broker, {@code micros} after its event was received. */
  public void published(long micros) {
    published.increment();
    latencyCount.increment();
    latencySumMicros.addAndGet(micros);
    double seconds = micros / 1e6;
    int i = 0;
    while (i < LATENCY_BUCKETS_SECONDS.length && seconds > LATENCY_BUCKETS_SECONDS[i]) {
      i++;
    }
    latencyBuckets[i].incrementAndGet();
  }

  public long publishedCount() {
    return published.sum();
  }

  /** Live values that belong to other components, read at scrape time. */
  public record Gauges(
      long eventsStored,
      long outboxDepth,
      boolean mqttConnected,
      Map<String, String> driverStates,
      Map<String, Double> clockSkewSeconds,
      Map<String, java.util.List<org.procroom.gateway.api.ListenerCounts>> listeners,
      Map<String, Map<String, Long>> deliveryCounts,
      Map<String, Boolean> deliveryConnected) {}

  public String scrape(Supplier<Gauges> gauges) {
    Gauges g = gauges.get();
    StringBuilder out = new StringBuilder(2048);
    header(out, "procroom_events_received_total", "counter", "Events handed to the gateway by drivers.");
    received.forEach((device, n) -> out.append("procroom_events_received_total{device=\"").append(escape(device))
        .append("\"} ").append(n.sum()).append('\n'));
    single(out, "procroom_events_stored_total", "counter", "Events durably committed to the record.", g.eventsStored());
    single(out, "procroom_events_published_total", "counter", "Outbox messages confirmed by the broker (PUBACK).",
        published.sum());
    single(out, "procroom_store_commit_failures_total", "counter", "Store operations refused (e.g. disk full).",
        storeFailures.sum());
    single(out, "procroom_publish_refusals_total", "counter", "Publishes the broker refused with a reason code.",
        publishRefusals.sum());
    single(out, "procroom_outbox_depth", "gauge", "Outbox messages not yet confirmed by the broker.", g.outboxDepth());
    single(out, "procroom_mqtt_connected", "gauge", "1 while connected to the broker.", g.mqttConnected() ? 1 : 0);
    header(out, "procroom_driver_up", "gauge", "1 while the driver is connected to its device, by state.");
    g.driverStates().forEach((driver, state) -> out.append("procroom_driver_up{driver=\"").append(escape(driver))
        .append("\",state=\"").append(state).append("\"} ").append("CONNECTED".equals(state) ? 1 : 0).append('\n'));
    header(out, "procroom_device_clock_skew_seconds", "gauge", "Device clock minus gateway receive time (smoothed).");
    g.clockSkewSeconds().forEach((device, skew) -> out.append("procroom_device_clock_skew_seconds{device=\"")
        .append(escape(device)).append("\"} ").append(skew).append('\n'));
    header(out, "procroom_listener_connections", "gauge", "Connections a device listener serves now.");
    listeners(out, g, "procroom_listener_connections", c -> (long) c.open());
    header(out, "procroom_listener_accepted_total", "counter", "Connections a device listener admitted.");
    listeners(out, g, "procroom_listener_accepted_total", org.procroom.gateway.api.ListenerCounts::accepted);
    header(out, "procroom_listener_refused_total", "counter",
        "Connections closed unserved: sender not allowed, or a connection limit reached.");
    listeners(out, g, "procroom_listener_refused_total", org.procroom.gateway.api.ListenerCounts::refused);
    header(out, "procroom_listener_accept_failures_total", "counter",
        "accept() failures (out of descriptors, aborted handshakes); the listener retries.");
    listeners(out, g, "procroom_listener_accept_failures_total", org.procroom.gateway.api.ListenerCounts::acceptFailures);
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      single(out, "procroom_process_open_fds", "gauge", "File descriptors the gateway has open.",
          unix.getOpenFileDescriptorCount());
      single(out, "procroom_process_max_fds", "gauge", "The gateway's descriptor limit.", unix.getMaxFileDescriptorCount());
    }
    header(out, "procroom_delivery_messages", "gauge",
        "Messages of a delivery queue (interface engine, FHIR server, archive) by state.");
    g.deliveryCounts().forEach((queue, counts) -> counts.forEach((state, n) -> out.append("procroom_delivery_messages{queue=\"")
        .append(escape(queue)).append("\",state=\"").append(escape(state)).append("\"} ").append(n).append('\n')));
    header(out, "procroom_delivery_connected", "gauge", "1 while the receiver of a delivery queue is reached.");
    g.deliveryConnected().forEach((queue, up) -> out.append("procroom_delivery_connected{queue=\"").append(escape(queue))
        .append("\"} ").append(up ? 1 : 0).append('\n'));
    header(out, "procroom_publish_latency_seconds", "histogram", "Receive time to broker confirmation.");
    long cumulative = 0;
    for (int i = 0; i < LATENCY_BUCKETS_SECONDS.length; i++) {
      cumulative += latencyBuckets[i].get();
      out.append("procroom_publish_latency_seconds_bucket{le=\"").append(LATENCY_BUCKETS_SECONDS[i]).append("\"} ")
          .append(cumulative).append('\n');
    }
    cumulative += latencyBuckets[LATENCY_BUCKETS_SECONDS.length].get();
    out.append("procroom_publish_latency_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
    out.append("procroom_publish_latency_seconds_sum ").append(latencySumMicros.get() / 1e6).append('\n');
    out.append("procroom_publish_latency_seconds_count ").append(latencyCount.sum()).append('\n');
    return out.toString();
  }

  private static void listeners(StringBuilder out, Gauges g, String name,
      java.util.function.ToLongFunction<org.procroom.gateway.api.ListenerCounts> value) {
    g.listeners().forEach((driver, list) -> list.forEach(c -> out.append(name).append("{driver=\"").append(escape(driver))
        .append("\",listener=\"").append(escape(c.name())).append("\",port=\"").append(c.port()).append("\"} ")
        .append(value.applyAsLong(c)).append('\n')));
  }

  private static void single(StringBuilder out, String name, String type, String help, long value) {
    header(out, name, type, help);
    out.append(name).append(' ').append(value).append('\n');
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
