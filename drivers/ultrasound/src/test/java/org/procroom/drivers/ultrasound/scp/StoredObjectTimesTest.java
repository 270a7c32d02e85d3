package org.procroom.drivers.ultrasound.scp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** DICOM DT/DA/TM values as PS3.5 6.2 writes them, and the broken ones modalities (and the fuzzer) send. */
class StoredObjectTimesTest {
  @Test
  void validValuesWithAndWithoutOffset() {
    assertEquals(OffsetDateTime.parse("2026-11-25T12:00:30.250+01:00"),
        StoredObject.dateTime("20261125120030.25+0100", ZoneOffset.UTC));
    assertEquals(OffsetDateTime.parse("2026-11-25T12:00:00Z"), StoredObject.dateTime("202611251200", ZoneOffset.UTC));
    assertEquals(OffsetDateTime.parse("2026-11-25T09:30:00-05:00"),
        StoredObject.dateAndTime("20261125", "0930", ZoneOffset.ofHours(-5)));
  }

  @Test
  void unreadableValuesGiveNoTimeInsteadOfAnException() {
    assertNull(StoredObject.dateTime("20261125126080", ZoneOffset.UTC), "second 80 (found by fuzzing)");
    assertNull(StoredObject.dateTime("20261125120000+99", ZoneOffset.UTC), "a cut-off offset");
    assertNull(StoredObject.dateTime("20261125120000+9999", ZoneOffset.UTC), "an offset out of range");
    assertNull(StoredObject.dateAndTime("20261125", "1", ZoneOffset.UTC), "a one-digit time");
    assertNull(StoredObject.dateAndTime("20261340", "1200", ZoneOffset.UTC), "month 13");
  }
}
