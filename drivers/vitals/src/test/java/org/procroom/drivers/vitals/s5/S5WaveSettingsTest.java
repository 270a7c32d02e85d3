package org.procroom.drivers.vitals.s5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;

/** A waveform list the monitor would cut short without a word is refused when the gateway starts. */
class S5WaveSettingsTest {
  private static DriverSettings settings(String json) throws Exception {
    return new DriverSettings("devices.monitor-1", (ObjectNode) new ObjectMapper().readTree(json));
  }

  @Test
  void theDefaultIsEcgPressurePlethCo2AndRespiration() throws Exception {
    assertEquals(List.of(1, 4, 8, 9, 15), S5MonitorDriverFactory.waves(settings("{}")));
    assertEquals(List.of(), S5MonitorDriverFactory.waves(settings("{\"waves\": []}")));
  }

  @Test
  void threeEcgLeadsAndAPressureAreMoreThanTheMonitorSends() throws Exception {
    ConfigException e = assertThrows(ConfigException.class,
        () -> S5MonitorDriverFactory.waves(settings("{\"waves\": [\"ECG1\", \"ECG2\", \"INVP1\"]}")));
    assertTrue(e.getMessage().contains("700 samples a second") && e.getMessage().contains("devices.monitor-1.waves"),
        e.getMessage());
  }

  @Test
  void aMisspelledWaveformIsNamed() throws Exception {
    ConfigException e = assertThrows(ConfigException.class,
        () -> S5MonitorDriverFactory.waves(settings("{\"waves\": [\"PLETH\", \"ECG 1\"]}")));
    assertTrue(e.getMessage().contains("'ECG 1' is not an S/5 waveform"), e.getMessage());
  }
}
