package org.procroom.drivers.barcode.check;

import org.procroom.gateway.api.Severity;
import java.util.Comparator;
import java.util.List;

/**
 * What a scan is and whether it is safe to go on.
 *
 * @param classification medication, wristband, badge, supply or unknown
 * @param product        formulary entry, when found
 * @param patientRef     identifier on a wristband
 * @param staffId        identifier on a badge
 * @param scannedBy      the badge scanned last in this procedure, if any
 * @param findings       check results, most severe first
 * @param patientConfirmed the wristband matched the open procedure's patient (first time)
 */
public record Assessment(
    Classification classification,
    Product product,
    String patientRef,
    String staffId,
    String scannedBy,
    List<Finding> findings,
    boolean patientConfirmed) {

  public enum Classification {
    MEDICATION, WRISTBAND, BADGE, SUPPLY, UNKNOWN;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Assessment {
    findings = findings.stream().sorted(Comparator.comparing(Finding::severity).reversed()).toList();
  }

  /** The most severe finding's severity; OK without findings. */
  public Severity severity() {
    return findings.isEmpty() ? Severity.OK : findings.get(0).severity();
  }
}
