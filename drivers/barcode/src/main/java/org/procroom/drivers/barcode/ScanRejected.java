package org.procroom.drivers.barcode;

/** Payload of {@code barcode.rejected}: input from the scanner that is not a scan, and why. */
public record ScanRejected(String reason) {
  public static final String EVENT_TYPE = "barcode.rejected";
}
