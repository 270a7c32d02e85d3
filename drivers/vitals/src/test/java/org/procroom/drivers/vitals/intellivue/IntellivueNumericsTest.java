package org.procroom.drivers.vitals.intellivue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.Observation;
import org.procroom.drivers.vitals.ObservationSet;

/**
 * The real monitor's numerics poll (m8000-serial-capture-1.txt, frame 5) as observations, every
 * expected value read off the bytes (SOURCES.md): markers and withdrawing states as statuses, the
 * monitor's demo mode keeping the set out of the record, times from the MDS Create's clock.
 */
class IntellivueNumericsTest {
  private static ObservationSet set() throws IOException {
    List<DataExportMessage> m = RealMonitorCaptureTest.messages("m8000-serial-capture-1.txt");
    MonitorClock clock = MonitorClock.of((DataExportMessage.MdsCreate) m.get(1), ZoneOffset.UTC).orElseThrow();
    return IntellivueNumerics.observations(assertInstanceOf(DataExportMessage.PollResult.class, m.get(4)), clock);
  }

  private static Observation at(ObservationSet set, String channel, String code) {
    return set.observations().stream().filter(o -> o.channel().equals(channel) && o.code().equals(code)).findFirst()
        .orElseThrow(() -> new AssertionError(channel + " " + code + " in " + set.observations()));
  }

  @Test
  void everyValueOfTheNineteenObjects() throws IOException {
    // NIBP 3, 0xF0E5 1, HR 1, ST 8, 0x4261 1, ABP 3, pulse 1, SpO2 1, pleth pulse 1, perfusion 1
    assertEquals(21, set().observations().size());
  }

  @Test
  void numbersWithTheirUnits() throws IOException {
    ObservationSet set = set();
    // 41 82 04 00 0A A0 00 00 00 3C: heart rate, demo data, /min, 60
    Observation hr = at(set, "0x82D0", "MDC_ECG_HEART_RATE");
    assertEquals(List.of(147842, 60.0, "/min"), List.of(hr.mdc(), hr.value(), hr.unit()));
    // 4B B8 04 00 02 20 FF 00 03 B6: SpO2, %, 950 x 10^-1
    Observation spo2 = at(set, "0x841C", "MDC_PULS_OXIM_SAT_O2");
    assertEquals(List.of(95.0, "%"), List.of(spo2.value(), spo2.unit()));
    // 4A 15 04 00 0F 20 00 00 00 78: arterial systolic 120 mm[Hg]
    assertEquals(120.0, at(set, "0x8352", "MDC_PRESS_BLD_ART_ABP_SYS").value());
    // 4B B0 04 00 02 00 FF 00 00 64: perfusion index, dimensionless, 10.0
    Observation perfusion = at(set, "0x842C", "MDC_PULS_OXIM_PERF_REL");
    assertEquals(List.of(10.0, "1"), List.of(perfusion.value(), perfusion.unit()));
  }

  @Test
  void markersAndWithdrawnValuesAreStatuses() throws IOException {
    ObservationSet set = set();
    // 4A 05 20 00 0F 20 00 7F FF FF: NIBP systolic, unavailable, mm[Hg], NaN
    Observation nibp = at(set, "0x826E", "MDC_PRESS_BLD_NONINV_SYS");
    assertNull(nibp.value());
    assertEquals(List.of("no-value", "nan", "mm[Hg]"), List.of(nibp.status(), nibp.valueReceived(), nibp.unit()));
    // F0 E5 20 00 0A A0 00 7F FF FF: a Philips private code
    Observation vendor = at(set, "0x8271", "NOM_0xF0E5");
    assertEquals(List.of("PHILIPS", "no-value"), List.of(vendor.codingSystem(), vendor.status()));
    assertNull(vendor.mdc());
  }

  @Test
  void alarmStateBitsAreFlags() throws IOException {
    // 48 0A 04 01: pulse rate, demo data and alarm inhibited
    assertEquals(List.of("alarm-inhibited"), at(set(), "0x8359", "MDC_PULS_RATE").flags());
  }

  @Test
  void aMonitorInDemoModeSendsNoPatientData() throws IOException {
    assertEquals("demo", set().mode());
  }

  @Test
  void timesFromTheMonitorsClock() throws IOException {
    ObservationSet set = set();
    // MDS Create: 1997-01-26 03:10:36.00 at FF 4B 7D 00; the poll at FF 4B C7 00, 0x4A00 = 18944 ticks later
    assertEquals(Instant.parse("1997-01-26T03:10:36Z").plusNanos(18944L * 125_000), set.deviceTime());
    // the NIBP object's own time stamp 19 97 01 01 00 17 55 00
    assertEquals(Instant.parse("1997-01-01T00:17:55Z"), at(set, "0x826E", "MDC_PRESS_BLD_NONINV_SYS").observedAt());
  }
}
