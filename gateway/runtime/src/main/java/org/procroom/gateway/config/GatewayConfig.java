package org.procroom.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;

/**
 * The gateway's own settings, validated at start; errors name the key. Driver sections are kept
 * as they are and validated by each driver, so one bad driver does not stop the others.
 */
public record GatewayConfig(
    String room,
    java.time.ZoneId timeZone,
    Path dataDir,
    String httpHost,
    int httpPort,
    DriverSettings httpTls,
    DriverSettings mqtt,
    String embeddedBrokerHost,
    int embeddedBrokerPort,
    int storeBatchMax,
    Duration outboxRetention,
    Duration recordRetention,
    Duration waveRetention,
    org.procroom.gateway.waves.WaveWindows waveWindows,
    DriverSettings dashboard,
    Map<String, DriverSettings> drivers,
    DriverSettings charting) {

  private static final String TOPIC_LEVEL = "[A-Za-z0-9._-]+";

  /**
   * @param home      the installation's working folder; a relative {@code data.dir} starts here
   * @param configDir the configuration file's folder; relative files in driver settings start here
   */
  public static GatewayConfig from(ObjectNode root, Path home, Path configDir) {
    DriverSettings top = new DriverSettings("", root);
    String room = top.string("room");
    if (!room.matches(TOPIC_LEVEL)) {
      throw new ConfigException("room", "may hold only letters, digits, '.', '_' and '-' (it is an MQTT topic level)");
    }
    DriverSettings http = top.section("http");
    String url = top.section("mqtt").string("url", "");
    if (url.isEmpty()) {
      throw new ConfigException("mqtt.url", "required: the site's broker (tcp://host:1883, or ssl://host:8883 with"
          + " mqtt.tls), or 'embedded' for the broker built into the gateway (a demo, a bench)");
    }
    if (!url.equals(EMBEDDED) && !url.matches("(tcp|ssl)://[^/\\s]+:\\d+")) {
      throw new ConfigException("mqtt.url", "expected tcp://host:port, ssl://host:port or 'embedded', found '" + url + "'");
    }
    DriverSettings broker = top.section("embeddedBroker");
    DriverSettings store = top.section("store");
    DriverSettings waves = top.section("waves");
    Map<String, DriverSettings> drivers = new LinkedHashMap<>();
    JsonNode driverNodes = root.get("drivers");
    if (driverNodes != null && !driverNodes.isNull()) {
      if (!driverNodes.isObject()) {
        throw new ConfigException("drivers", "expected a map of device id to driver settings");
      }
      driverNodes.fields().forEachRemaining(entry -> {
        String key = "drivers." + entry.getKey();
        if (!entry.getKey().matches(TOPIC_LEVEL) || entry.getKey().equals("gateway") || entry.getKey().equals("staff")) {
          throw new ConfigException(key,
              "a device id may hold only letters, digits, '.', '_' and '-', and is not 'gateway' or 'staff'");
        }
        if (!entry.getValue().isObject()) {
          throw new ConfigException(key, "expected the driver's settings (type, port, ...)");
        }
        drivers.put(entry.getKey(), new DriverSettings(key, (ObjectNode) entry.getValue(), configDir));
      });
    }
    return new GatewayConfig(
        room,
        top.string("timeZone", "").isEmpty() ? java.time.ZoneId.systemDefault() : top.zone("timeZone"),
        home.resolve(top.section("data").string("dir")).normalize(),
        http.string("host"),
        http.integer("port", 8080, 0, 65535),
        http.section("tls"),
        top.section("mqtt"),
        broker.string("host"),
        broker.integer("port", 1883, 0, 65535),
        store.integer("batchMax", 512, 1, 100_000),
        durationDays(store, "outboxRetention", Duration.ofDays(7)),
        durationDays(store, "recordRetention", Duration.ofDays(90)),
        waves.duration("retention", Duration.ofHours(24)),
        new org.procroom.gateway.waves.WaveWindows(waves.duration("before", Duration.ofSeconds(10)),
            waves.duration("after", Duration.ofSeconds(30))),
        top.section("dashboard"),
        drivers,
        top.section("charting"));
  }

  private static Duration durationDays(DriverSettings s, String name, Duration fallback) {
    String text = s.string(name, fallback.toDays() + "d");
    if (text.matches("\\d+d")) {
      return Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
    }
    return s.duration(name, fallback);
  }

  /** What {@code mqtt.url} says to use the built-in broker; a room names it, it is never assumed. */
  public static final String EMBEDDED = "embedded";

  /** The broker URL to use, or empty when the embedded broker runs ({@code mqtt.url: embedded}). */
  public String mqttUrl() {
    String url = mqtt.string("url", "");
    return url.equals(EMBEDDED) ? "" : url;
  }

  /** True when the room runs on the built-in broker. */
  public boolean embeddedBroker() {
    return mqtt.string("url", "").equals(EMBEDDED);
  }
}
