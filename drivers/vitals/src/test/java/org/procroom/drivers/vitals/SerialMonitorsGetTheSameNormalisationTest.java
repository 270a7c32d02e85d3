package org.procroom.drivers.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An S/5 or Masimo number outside what its term can be is no value, as for PCD-01, and says why. */
class SerialMonitorsGetTheSameNormalisationTest {
  @Test
  void anImpossibleSerialValueIsNotCharted() {
    ObservationSet s5 = new ObservationSet("s5", Instant.parse("2026-11-25T10:30:00Z"), null,
        List.of(Mdc.MDC_PULS_OXIM_SAT_O2.value(327.67), Mdc.MDC_ECG_HEART_RATE.value(64)), List.of());
    VitalsEvents.Payload p = (VitalsEvents.Payload) new VitalsEvents(Map.of(), Duration.ofSeconds(30))
        .observation(s5, Instant.parse("2026-11-25T10:30:00Z")).payload();
    assertNull(p.observations().get(0).value());
    assertEquals("implausible", p.observations().get(0).status());
    assertEquals("327.67", p.observations().get(0).valueReceived());
    assertEquals(64.0, p.observations().get(1).value());
    assertEquals("IMPLAUSIBLE", p.findings().get(0).code());
  }
}
