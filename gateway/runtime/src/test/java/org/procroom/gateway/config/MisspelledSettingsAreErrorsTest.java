package org.procroom.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.drivers.DriverHandle;
import org.procroom.testkit.MosquittoBroker;

/**
 * A key the gateway does not have is an error naming it and the nearest known one: in the
 * gateway's own sections (a misspelled {@code mqtt.urll} used to leave the room on the embedded
 * broker), from the environment, and in each driver's settings (that driver fails alone).
 */
class MisspelledSettingsAreErrorsTest {
  @TempDir Path dir;

  @Test
  void anUnknownGatewayKeyIsAnErrorWithTheNearestKnownOne() throws Exception {
    Path file = Files.writeString(dir.resolve("gateway.yaml"), "mqtt:\n  urll: tcp://broker:1883\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
    assertTrue(e.getMessage().startsWith("mqtt.urll: not a setting (did you mean 'url'?)"), e.getMessage());
    ConfigException top = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Files.writeString(dir.resolve("top.yaml"), "rooom: or-3\n"), Map.of()));
    assertTrue(top.getMessage().startsWith("rooom: not a setting (did you mean 'room'?)"), top.getMessage());
    ConfigException env = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("PROCROOM_HTTP_PROT", "8081")));
    assertTrue(env.getMessage().startsWith("http.prot: not a setting (did you mean 'port'?)"), env.getMessage());
  }

  @Test
  void anUnknownDriverKeyFailsThatDriverAlone() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig("""
          pcd01:
            type: ihe-pcd01
            bindAddress: 127.0.0.1
            portt: 2575
          """);
      try (Gateway gateway = room.startGateway()) {
        DriverHandle pcd01 = gateway.drivers().handles().get("pcd01");
        assertEquals(DriverState.FAILED, pcd01.status().state());
        assertTrue(pcd01.status().reason().startsWith("drivers.pcd01.portt: not a setting of a ihe-pcd01 driver"
            + " (did you mean 'port'?)"), pcd01.status().reason());
        assertEquals(DriverState.CONNECTED, gateway.drivers().handles().get("scanner-1").status().state(),
            "the other drivers start");
      }
    }
  }
}
