package org.procroom.gateway.api;

import java.time.LocalDate;

/**
 * A barcode that could not be scanned, typed by staff: either {@code data} as printed under the
 * barcode (e.g. {@code (01)00304094276014(17)271130(10)LID2401}) or an {@code ndc} with the lot
 * and expiry read from the label.
 */
public record ManualScanRequest(String data, String ndc, String lot, LocalDate expiry, String reason,
    String enteredBy) {}
