package org.procroom.drivers.ultrasound.scp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The first PDU of an association (DICOM PS3.8 9.3.2, A-ASSOCIATE-RQ), read before PixelMed sees
 * the connection so that the calling AE title can be checked: PDU type 0x01, reserved, length
 * (u32, big-endian), protocol version (2), reserved (2), called AE (16), calling AE (16), ...
 *
 * @param bytes     the whole PDU as read, to be replayed to the toolkit
 * @param calledAe  called AE title, trimmed
 * @param callingAe calling AE title, trimmed
 */
public record AssociateRequest(byte[] bytes, String calledAe, String callingAe) {
  static final int MAX_PDU = 64 * 1024;

  /** A-ASSOCIATE-RJ (PS3.8 9.3.4): rejected-permanent (1), by the service user (1), calling AE title not recognised (3). */
  static final byte[] REJECT_CALLING_AE = {0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x01, 0x03};

  /** Reads one A-ASSOCIATE-RQ, or fails with what was wrong. */
  static AssociateRequest read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] header = new byte[6];
    data.readFully(header);
    if (header[0] != 0x01) {
      throw new IOException(String.format("expected an A-ASSOCIATE-RQ (PDU type 0x01), got 0x%02X", header[0]));
    }
    long length = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFFL) << 16) | ((header[4] & 0xFFL) << 8) | (header[5] & 0xFFL);
    if (length < 68 || length > MAX_PDU) {
      throw new IOException("A-ASSOCIATE-RQ length " + length + " is outside 68.." + MAX_PDU);
    }
    byte[] pdu = new byte[6 + (int) length];
    System.arraycopy(header, 0, pdu, 0, 6);
    data.readFully(pdu, 6, (int) length);
    return new AssociateRequest(pdu, ae(pdu, 10), ae(pdu, 26));
  }

  /**
   * The abstract syntaxes of the proposed presentation contexts (items 20H, sub-items 30H, after
   * the 74 fixed bytes; PS3.8 9.3.2.2): empty when an item's length runs past the PDU, which the
   * toolkit then refuses on its own.
   */
  public java.util.List<String> abstractSyntaxes() {
    java.util.List<String> out = new java.util.ArrayList<>();
    int at = 74;
    while (at + 4 <= bytes.length) {
      int type = bytes[at] & 0xFF;
      int length = u16(at + 2);
      int end = at + 4 + length;
      if (end > bytes.length) {
        return java.util.List.of();
      }
      if (type == 0x20) {
        int sub = at + 8; // context id and three reserved bytes
        while (sub + 4 <= end) {
          int subLength = u16(sub + 2);
          if (sub + 4 + subLength > end) {
            return java.util.List.of();
          }
          if ((bytes[sub] & 0xFF) == 0x30) {
            out.add(new String(bytes, sub + 4, subLength, StandardCharsets.US_ASCII).replace("\0", "").trim());
          }
          sub += 4 + subLength;
        }
      }
      at = end;
    }
    return out;
  }

  private int u16(int offset) {
    return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
  }

  private static String ae(byte[] pdu, int offset) {
    return new String(pdu, offset, 16, StandardCharsets.US_ASCII).trim();
  }
}
