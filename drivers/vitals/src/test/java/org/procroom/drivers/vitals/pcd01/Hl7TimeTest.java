package org.procroom.drivers.vitals.pcd01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.v26.datatype.DTM;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class Hl7TimeTest {
  private static final ZoneId SENDER = ZoneId.of("Europe/Berlin");

  /** The examples of HL7 v2.6 chapter 2A, DTM: the same instant written at several precisions and offsets. */
  @Test
  void theStandardsExamples() {
    assertEquals(Instant.parse("1976-07-04T06:01:59Z"), Hl7Time.parse("19760704010159-0500", SENDER),
        "1:01:59 on July 4, 1976 in Eastern Standard Time");
    assertEquals(Instant.parse("1976-07-04T05:01:59Z"), Hl7Time.parse("19760704010159-0400", SENDER),
        "1:01:59 on July 4, 1976 in Eastern Daylight Time");
    assertEquals(Instant.parse("1988-07-04T22:00:00Z"), Hl7Time.parse("198807050000", SENDER),
        "midnight of July 4 to 5, 1988 in the sender's zone (CEST here)");
    assertEquals(Instant.parse("1988-07-04T22:00:00Z"), Hl7Time.parse("19880705", SENDER),
        "the same, to the day");
  }

  @Test
  void precisionsFractionsAndOffsets() {
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), Hl7Time.parse("2026+0000", SENDER));
    assertEquals(Instant.parse("2026-11-01T00:00:00Z"), Hl7Time.parse("202611+0000", SENDER));
    assertEquals(Instant.parse("2026-11-25T12:30:05.1234Z"), Hl7Time.parse("20261125133005.1234+0100", SENDER));
    assertEquals(Instant.parse("2026-11-25T12:30:05.500Z"), Hl7Time.parse("20261125123005.5+0000", SENDER));
    assertEquals(Instant.parse("2026-11-24T22:30:00Z"), Hl7Time.parse("202611251200+1330", SENDER));
  }

  @Test
  void mindraysMillisecondsWithoutTheDot() {
    // OBR-7 of the Mindray field capture in the PCD-01 corpus (04-mindray-field-capture-waveform.hl7)
    assertEquals(Instant.parse("2026-01-24T05:15:39Z"), Hl7Time.parse("20260124131539000+0800", SENDER));
    assertEquals(Instant.parse("2026-01-24T05:15:39.250Z"), Hl7Time.parse("20260124131539250+0800", SENDER));
  }

  @Test
  void whatIsNotADtmIsNamed() {
    for (String bad : List.of("", "202", "20261", "2026112512000000", "2026-11-25", "20261125120000.", "20261125.5",
        "20261125120000.12345", "202611251200000000", "20261125120000+01", "20261125120000+01:00", "20261325", "20261125250000",
        "20260230", "20261125120000+1900")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hl7Time.parse(bad, SENDER), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  /**
   * HAPI's own reading of the same values is the independent peer (in the zone it assumes, the JVM's).
   * Left out: a year alone, which HAPI 2.6 reads as the 30th of November of the year before.
   */
  @Test
  void agreesWithHapi() throws DataTypeException {
    TimeZone jvmZone = TimeZone.getDefault();
    for (String value : List.of("19760704010159-0500", "198807050000", "19880705", "20261125133005.1234+0100",
        "20261125120000+0000", "20260329023000", "20261025023000", "202611251200+1330")) {
      DTM dtm = new DTM(null);
      dtm.setValue(value);
      // HAPI answers a java.util.Date, to the millisecond; we keep the DTM's tenths of a millisecond.
      assertEquals(dtm.getValueAsDate().toInstant(),
          Hl7Time.parse(value, jvmZone.toZoneId()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), value);
    }
  }
}
