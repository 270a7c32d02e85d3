package org.procroom.drivers.ultrasound.mpps;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DIMSE command sets as they go on the wire (PS3.7 section 9.3 and 10.3): group 0000 elements in
 * implicit VR little endian, with the group length first.
 */
public final class DimseCommand {
  public static final int N_CREATE_RQ = 0x0140;
  public static final int N_CREATE_RSP = 0x8140;
  public static final int N_SET_RQ = 0x0120;
  public static final int N_SET_RSP = 0x8120;
  public static final int NO_DATA_SET = 0x0101;

  private DimseCommand() {}

  /** N-CREATE-RSP or N-SET-RSP without a data set; an error comment is added for failures. */
  public static byte[] response(int commandField, String sopClassUid, int messageIdBeingRespondedTo, int status,
      String sopInstanceUid, String errorComment) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    text(body, 0x0002, sopClassUid, (byte) 0);
    us(body, 0x0100, commandField);
    us(body, 0x0120, messageIdBeingRespondedTo);
    us(body, 0x0800, NO_DATA_SET);
    us(body, 0x0900, status);
    if (errorComment != null) {
      text(body, 0x0902, errorComment.length() > 64 ? errorComment.substring(0, 64) : errorComment, (byte) ' ');
    }
    if (sopInstanceUid != null) {
      text(body, 0x1000, sopInstanceUid, (byte) 0);
    }
    return withGroupLength(body.toByteArray());
  }

  private static byte[] withGroupLength(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 12);
    tag(out, 0x0000);
    int32(out, 4);
    int32(out, body.length);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void us(ByteArrayOutputStream out, int element, int value) {
    tag(out, element);
    int32(out, 2);
    out.write(value & 0xFF);
    out.write((value >> 8) & 0xFF);
  }

  /** UI values are padded with NUL, other strings with a space, to an even length. */
  private static void text(ByteArrayOutputStream out, int element, String value, byte pad) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    int length = bytes.length + (bytes.length % 2);
    tag(out, element);
    int32(out, length);
    out.writeBytes(bytes);
    if (length > bytes.length) {
      out.write(pad);
    }
  }

  private static void tag(ByteArrayOutputStream out, int element) {
    out.write(0x00);
    out.write(0x00);
    out.write(element & 0xFF);
    out.write((element >> 8) & 0xFF);
  }

  private static void int32(ByteArrayOutputStream out, int value) {
    out.write(value & 0xFF);
    out.write((value >> 8) & 0xFF);
    out.write((value >> 16) & 0xFF);
    out.write((value >> 24) & 0xFF);
  }
}
