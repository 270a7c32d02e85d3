package org.procroom.gateway.drivers;

import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverFactory;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.DriverStatus;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.metrics.Metrics;
import org.procroom.gateway.store.EventSource;
import org.procroom.gateway.store.EventStore;

/**
 * Creates each configured driver through the factory for its {@code type} (found with
 * ServiceLoader) and runs it. A driver whose configuration is wrong is kept as FAILED with the
 * offending key in its reason; the others start regardless.
 */
public final class DriverManager {
  private final Map<String, DriverFactory> factories = new java.util.TreeMap<>();
  private final Map<String, DriverHandle> handles = new LinkedHashMap<>();

  public DriverManager(Map<String, DriverSettings> configured, Vertx vertx, GatewayClock clock, EventStore store,
      org.procroom.gateway.waves.WaveStore waves, Metrics metrics, java.nio.file.Path dataDir, java.util.List<String> archiveQueues, ArchiveReports reports) {
    ServiceLoader.load(DriverFactory.class).forEach(f -> factories.put(f.type(), f));
    configured.forEach((id, settings) -> handles.put(id, create(id, settings, vertx, clock, store, waves, metrics, dataDir,
        archiveQueues, reports)));
  }

  private DriverHandle create(String id, DriverSettings settings, Vertx vertx, GatewayClock clock, EventStore store,
      org.procroom.gateway.waves.WaveStore waves, Metrics metrics, java.nio.file.Path dataDir, java.util.List<String> archiveQueues, ArchiveReports reports) {
    String type = settings.string("type", "");
    DriverFactory factory = factories.get(type);
    String kind = factory == null ? "unknown" : factory.deviceKind();
    Driver driver = null;
    DriverStatus initial;
    if (factory == null) {
      String reason = type.isEmpty() ? settings.key("type") + ": required setting is missing"
          : settings.key("type") + ": unknown driver type '" + type + "' (known: " + String.join(", ", factories.keySet()) + ")";
      initial = new DriverStatus(DriverState.FAILED, reason, clock.now(), null);
    } else {
      try {
        driver = factory.create(settings);
        refuseUnasked(settings, type);
        initial = new DriverStatus(DriverState.STARTING, "configured", clock.now(), null);
      } catch (ConfigException e) {
        driver = null;
        initial = new DriverStatus(DriverState.FAILED, e.getMessage(), clock.now(), null);
      }
    }
    return new DriverHandle(new EventSource(id, kind), type, driver, vertx, clock, store, waves, metrics, dataDir, initial,
        archiveQueues, reports);
  }

  /** A key the driver never asked for is not one of its settings: most often a misspelling. */
  public static void refuseUnasked(DriverSettings settings, String type) {
    java.util.List<String> unknown = settings.unasked();
    if (!unknown.isEmpty()) {
      String key = unknown.get(0);
      String section = key.substring(0, key.lastIndexOf('.'));
      String name = key.substring(key.lastIndexOf('.') + 1);
      throw new ConfigException(key, "not a setting of a " + type + " driver"
          + org.procroom.gateway.api.SettingNames.suggestion(name, settings.askedIn(section))
          + (unknown.size() > 1 ? " (also unknown: " + String.join(", ", unknown.subList(1, unknown.size())) + ")" : ""));
    }
  }

  public void startAll() {
    handles.values().forEach(DriverHandle::start);
  }

  /** Stops every driver and waits (up to 2 s each) until their last state changes are committed. */
  public void stopAll() {
    handles.values().forEach(DriverHandle::stop);
    handles.values().forEach(h -> h.awaitStateRecorded(java.time.Duration.ofSeconds(2)));
  }

  public Map<String, DriverHandle> handles() {
    return handles;
  }
}
