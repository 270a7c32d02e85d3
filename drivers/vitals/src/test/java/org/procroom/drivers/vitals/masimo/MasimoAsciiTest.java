package org.procroom.drivers.vitals.masimo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.Mdc;
import org.procroom.drivers.vitals.ObservationSet;

class MasimoAsciiTest {
  @Test
  void thePublishedSampleLine() {
    String line = "03/17/16 19:19:36 SN=---------- SPO2=098% BPM=123 PI=00.55 SPCO=--% SPMET=--.-% DESAT=-- "
        + "PIDELTA=+-- PVI=--- ALARM=000000 EXC=0000C00";
    MasimoAscii.Parsed parsed = MasimoAscii.parse(line, ZoneOffset.UTC);
    assertNull(parsed.error());
    ObservationSet set = parsed.set();
    assertEquals(Instant.parse("2016-03-17T19:19:36Z"), set.deviceTime());
    assertEquals(List.of(Mdc.MDC_PULS_OXIM_SAT_O2.value(98), Mdc.MDC_PULS_OXIM_PULS_RATE.value(123),
        Mdc.MDC_PULS_OXIM_PERF_REL.value(0.55)), set.observations());
    assertEquals(List.of("low signal IQ", "exception bits 0x800"), set.technicalAlerts());
  }

  @Test
  void dashesMeanNoValueAndFieldOrderDoesNotMatter() {
    MasimoAscii.Parsed parsed = MasimoAscii.parse("11/25/26 10:00:01 EXC=000020 BPM=--- SPO2=--%", ZoneOffset.ofHours(1));
    assertEquals(Instant.parse("2026-11-25T09:00:01Z"), parsed.set().deviceTime(), "monitor local time to UTC");
    assertEquals(List.of(Mdc.MDC_PULS_OXIM_PULS_RATE.noValue("unavailable"),
        Mdc.MDC_PULS_OXIM_SAT_O2.noValue("unavailable")), parsed.set().observations());
    assertEquals(List.of("sensor off patient"), parsed.set().technicalAlerts());
  }

  @Test
  void badLinesSayWhy() {
    assertEquals("line does not start with a MM/dd/yy HH:mm:ss timestamp: '13/45/16 19:19:36'",
        MasimoAscii.parse("13/45/16 19:19:36 SPO2=098%", ZoneOffset.UTC).error());
    assertEquals("SPO2: '9x8' is not a number", MasimoAscii.parse("03/17/16 19:19:36 SPO2=9x8%", ZoneOffset.UTC).error());
    assertEquals("line too short for a MM/dd/yy HH:mm:ss timestamp: 'SPO2=98'",
        MasimoAscii.parse("SPO2=98", ZoneOffset.UTC).error());
  }
}
