package org.procroom.drivers.barcode;

import org.procroom.gateway.api.EventTypes;

/** Payload of {@code barcode.rejected}: input from the scanner that is not a scan, and why. */
public record ScanRejected(String reason) {
  public static final String EVENT_TYPE = EventTypes.BARCODE_REJECTED;
}
