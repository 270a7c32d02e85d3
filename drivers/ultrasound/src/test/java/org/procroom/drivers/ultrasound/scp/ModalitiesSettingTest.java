package org.procroom.drivers.ultrasound.scp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;

/** {@code modalities.<AE>}: each entry's keys are checked like any other setting. */
class ModalitiesSettingTest {
  private static DriverSettings settings(String json) throws Exception {
    return new DriverSettings("drivers.us", (ObjectNode) new ObjectMapper().readTree(json));
  }

  @Test
  void aMisspelledKeyInAnEntryIsFoundAndAHostIsRequired() throws Exception {
    DriverSettings s = settings("""
        {"allowedCallers": "US01", "port": 0, "mppsPort": 0,
         "modalities": {"US01": {"host": "127.0.0.1", "prot": 104}}}""");
    new StorageScpDriverFactory().create(s);
    assertEquals(List.of("drivers.us.modalities.US01.prot"), s.unasked());

    ConfigException e = assertThrows(ConfigException.class, () -> new StorageScpDriverFactory().create(settings("""
        {"allowedCallers": "US01", "modalities": {"US01": {"port": 104}}}""")));
    assertEquals("drivers.us.modalities.US01.host", e.key());
  }
}
