package org.procroom.drivers.vitals.s5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.Observation;
import org.procroom.drivers.vitals.ObservationSet;

/** A displayed-values record laid out by hand at the published offsets. */
class S5BasicClassTest {
  private static final int SUB = 40;          // the only subrecord starts right after the header
  private static final int BLOCK = SUB + 4;   // class block after the subrecord's u32 time

  private static byte[] record() {
    ByteBuffer b = ByteBuffer.allocate(40 + 278).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(0, (short) 318);
    b.put(3, (byte) 0x0A);                                      // DRI level 2009
    b.putInt(6, 1_795_600_000);                                 // monitor time
    b.putShort(14, (short) 0);                                  // physiological
    b.putShort(16, (short) 0);
    b.put(18, (byte) 1);                                        // displayed values
    b.put(21, (byte) 0xFF);
    b.putInt(BLOCK, 0b11);                                      // ECG group exists + active
    b.putShort(BLOCK + 6, (short) 72);                          // HR 72
    b.putInt(BLOCK + 16, 0b11);                                 // invasive pressure 1 exists
    b.putShort(BLOCK + 22, (short) -32767);                     // sys invalid
    b.putShort(BLOCK + 24, (short) -32766);                     // dia not updated
    b.putShort(BLOCK + 26, (short) -32763);                     // mean over range
    b.putInt(BLOCK + 72, 0b01);                                 // NIBP exists
    b.putShort(BLOCK + 78, (short) 12000);                      // 120.00 mmHg
    b.putShort(BLOCK + 80, (short) 8000);
    b.putShort(BLOCK + 82, (short) 9300);
    b.putInt(BLOCK + 86, 0);                                    // temperature group absent
    b.putShort(BLOCK + 92, (short) 3680);
    b.putInt(BLOCK + 118, 0b11);                                // SpO2 group
    b.putShort(BLOCK + 124, (short) 9800);                      // 98.00 %
    b.putShort(BLOCK + 126, (short) 71);                        // pulse rate 71
    b.putInt(BLOCK + 132, 0b11);                                // CO2 group
    b.putShort(BLOCK + 138, (short) 510);                       // EtCO2 5.10 %
    b.putShort(BLOCK + 142, (short) 14);                        // RR 14
    b.putShort(BLOCK + 270 + 2, (short) 0x000A);                // basic class (class bits 0)
    return b.array();
  }

  @Test
  void valuesAreScaledAndMarkersAreNeverNumbers() {
    S5Record.Parsed parsed = S5Record.parse(record());
    assertNull(parsed.error());
    ObservationSet set = S5BasicClass.observations(parsed.record()).orElseThrow();
    assertEquals(Instant.ofEpochSecond(1_795_600_000), set.deviceTime());
    Map<String, Observation> byCode = set.observations().stream()
        .collect(Collectors.toMap(Observation::code, o -> o));
    assertEquals(72.0, byCode.get("MDC_ECG_HEART_RATE").value());
    assertEquals(147842, byCode.get("MDC_ECG_HEART_RATE").mdc());
    assertEquals("/min", byCode.get("MDC_ECG_HEART_RATE").unit());
    assertEquals(120.0, byCode.get("MDC_PRESS_CUFF_SYS").value());
    assertEquals(80.0, byCode.get("MDC_PRESS_CUFF_DIA").value());
    assertEquals(93.0, byCode.get("MDC_PRESS_CUFF_MEAN").value());
    assertEquals("mm[Hg]", byCode.get("MDC_PRESS_CUFF_SYS").unit());
    assertEquals(98.0, byCode.get("MDC_PULS_OXIM_SAT_O2").value());
    assertEquals(71.0, byCode.get("MDC_PULS_OXIM_PULS_RATE").value());
    assertEquals(5.1, byCode.get("MDC_AWAY_CO2_ET").value());
    assertEquals(14.0, byCode.get("MDC_RESP_RATE").value());
    assertEquals(List.of("invalid", "not-updated", "over-range"), List.of(
        byCode.get("MDC_PRESS_BLD_ART_ABP_SYS").status(), byCode.get("MDC_PRESS_BLD_ART_ABP_DIA").status(),
        byCode.get("MDC_PRESS_BLD_ART_ABP_MEAN").status()));
    assertNull(byCode.get("MDC_PRESS_BLD_ART_ABP_SYS").value(), "a marker is never published as a number");
    assertNull(byCode.get("MDC_TEMP_BODY"), "a group that does not exist is not reported");
  }

  @Test
  void lengthFieldMustMatchTheFrame() {
    byte[] bytes = record();
    bytes[0] = 0x10;
    assertEquals("r_len says 272 bytes, the frame holds 318", S5Record.parse(bytes).error());
  }
}
