package org.procroom.drivers.barcode;

import org.procroom.gateway.api.EventTypes;
import java.util.List;
import org.procroom.drivers.barcode.check.Assessment;
import org.procroom.drivers.barcode.check.Finding;
import org.procroom.drivers.barcode.check.Product;
import org.procroom.gateway.api.Severity;
import org.procroom.drivers.barcode.codec.DecodedBarcode;

/**
 * Payload of {@code barcode.scan}: the scan as sent, what it decodes to, what it is, and the
 * point-of-care findings (docs/schemas/payloads/barcode.scan.schema.json).
 *
 * @param symbology      AIM identifier, or null
 * @param data           data after the identifier, control characters written {@code <GS>} etc.
 * @param length         data characters as received
 * @param source         {@code scanner}, or {@code manual} for an entry typed by staff
 * @param manual         who typed it and why, for manual entries
 * @param decoded        the decoded content
 * @param classification medication, wristband, badge, supply or unknown
 * @param product        formulary entry, when found
 * @param patientRef     a wristband's identifier
 * @param staffId        a badge's identifier
 * @param scannedBy      the last badge scanned in this procedure
 * @param severity       the most severe finding (ok without findings)
 * @param findings       check results, most severe first
 */
public record BarcodeScan(
    String symbology,
    String data,
    int length,
    String source,
    ManualEntry manual,
    DecodedBarcode decoded,
    Assessment.Classification classification,
    Product product,
    String patientRef,
    String staffId,
    String scannedBy,
    Severity severity,
    List<Finding> findings) {
  public static final String EVENT_TYPE = EventTypes.BARCODE_SCAN;

  /** Why a barcode was typed in instead of scanned, and by whom. */
  public record ManualEntry(String reason, String enteredBy) {}
}
