package org.procroom.gateway.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A commitment result meets its forwarder whether it comes before or after the forwarder waits. */
class ArchiveReportsTest {
  @Test
  void aReportBeforeTheWaitIsKept() throws Exception {
    ArchiveReports reports = new ArchiveReports();
    reports.expect("2.25.1");
    assertTrue(reports.report("2.25.1", Map.of("1.2.3", 0)), "a fast archive reports before the release");
    assertEquals(Optional.of(Map.of("1.2.3", 0)), reports.await("2.25.1", Duration.ofMillis(10)));
  }

  @Test
  void aReportNobodyWaitsForIsSaidSo() throws Exception {
    ArchiveReports reports = new ArchiveReports();
    assertFalse(reports.report("2.25.2", Map.of()));
    reports.expect("2.25.3");
    assertEquals(Optional.empty(), reports.await("2.25.3", Duration.ofMillis(10)));
    assertFalse(reports.report("2.25.3", Map.of("1.2.3", 0)), "too late: the forwarder gave up and sends again");
  }
}
