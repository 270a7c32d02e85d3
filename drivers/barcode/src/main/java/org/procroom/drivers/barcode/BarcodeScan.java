package org.procroom.drivers.barcode;

/**
 * Payload of {@code barcode.scan}: one scan as the scanner sent it.
 *
 * @param symbology AIM symbology identifier (e.g. {@code ]d2} GS1 DataMatrix), or null when the
 *                  scanner does not transmit one
 * @param data      the data after the identifier, control characters written as {@code <GS>} etc.
 * @param length    number of data characters as received
 */
public record BarcodeScan(String symbology, String data, int length) {
  public static final String EVENT_TYPE = "barcode.scan";
}
