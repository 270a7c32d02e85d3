package org.procroom.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.api.ConfigException;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path roomFile() throws Exception {
    return Files.writeString(dir.resolve("gateway.yaml"), """
        room: room-3
        mqtt:
          url: tcp://site-broker:1883
        drivers:
          scanner-1:
            type: barcode-scanner
            port: /dev/ttyACM0
        """);
  }

  @Test
  void theRoomFileOverridesTheBuiltInDefaults() throws Exception {
    GatewayConfig config = GatewayConfig.from(ConfigLoader.load(roomFile(), Map.of()), dir, dir);
    assertEquals("room-3", config.room());
    assertEquals("tcp://site-broker:1883", config.mqttUrl());
    assertEquals(8080, config.httpPort(), "default kept");
    assertEquals(dir.resolve("data"), config.dataDir());
  }

  @Test
  void environmentOverridesAnyKeyByItsPath() throws Exception {
    ObjectNode root = ConfigLoader.load(roomFile(), Map.of(
        "PROCROOM_MQTT_URL", "ssl://other:8883",
        "PROCROOM_HTTP_PORT", "9090",
        "PROCROOM_DATA_DIR", "/var/lib/procroom",
        "PROCROOM_MQTT_CLIENT_ID", "gw-3",
        "PROCROOM_DRIVERS_SCANNER_1_PORT", "/dev/ttyACM1",
        "PROCROOM_DRIVERS_SCANNER_1_MAX_LINE_LENGTH", "512",
        "PROCROOM_HOME", "/opt/procroom",
        "PATH", "/usr/bin"));
    GatewayConfig config = GatewayConfig.from(root, dir, dir);
    assertEquals("ssl://other:8883", config.mqttUrl());
    assertEquals(9090, config.httpPort());
    assertEquals(Path.of("/var/lib/procroom"), config.dataDir());
    assertEquals("gw-3", config.mqtt().string("clientId"));
    assertEquals("/dev/ttyACM1", config.drivers().get("scanner-1").string("port"));
    assertEquals(512, config.drivers().get("scanner-1").integer("maxLineLength", 4096, 16, 100000),
        "a key the file did not have is added to an existing section");
    assertFalse(root.has("home"), "variables that name no section are not settings");
  }

  @Test
  void envNamesFollowCamelCaseAndPunctuation() {
    assertEquals("CLIENT_ID", ConfigLoader.envName("clientId"));
    assertEquals("SCANNER_1", ConfigLoader.envName("scanner-1"));
    assertEquals("URL", ConfigLoader.envName("url"));
  }

  @Test
  void aBadValueNamesItsKey() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.from(
        ConfigLoader.load(roomFile(), Map.of("PROCROOM_HTTP_PORT", "eighty")), dir, dir));
    assertEquals("http.port: expected a whole number, found 'eighty'", e.getMessage());
    ConfigException room = assertThrows(ConfigException.class, () -> GatewayConfig.from(
        ConfigLoader.load(roomFile(), Map.of("PROCROOM_ROOM", "room/1")), dir, dir));
    assertEquals("room", room.key());
  }

  @Test
  void aMissingFileIsNamed() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()));
    assertEquals("--config: no configuration file at " + dir.resolve("nope.yaml"), e.getMessage());
  }
}
