package org.procroom.drivers.ultrasound.dimse;

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
  public static final int N_ACTION_RQ = 0x0130;
  public static final int N_ACTION_RSP = 0x8130;
  public static final int N_EVENT_REPORT_RQ = 0x0100;
  public static final int N_EVENT_REPORT_RSP = 0x8100;
  public static final int C_FIND_RQ = 0x0020;
  public static final int C_FIND_RSP = 0x8020;
  public static final int C_ECHO_RQ = 0x0030;
  public static final int C_ECHO_RSP = 0x8030;
  public static final int NO_DATA_SET = 0x0101;
  /** Any value but 0101H announces a data set (PS3.7 E.1); 0000H is the one most toolkits write. */
  public static final int DATA_SET = 0x0000;

  private DimseCommand() {}

  /**
   * N-EVENT-REPORT-RQ (PS3.7 10.3.1) with a data set: the SCP's notice to the SCU, such as a
   * storage commitment result (event type 1 all committed, 2 failures exist).
   */
  public static byte[] eventReport(String sopClassUid, String sopInstanceUid, int messageId, int eventTypeId) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    text(body, 0x0002, sopClassUid, (byte) 0);
    us(body, 0x0100, N_EVENT_REPORT_RQ);
    us(body, 0x0110, messageId);
    us(body, 0x0800, DATA_SET);
    text(body, 0x1000, sopInstanceUid, (byte) 0);
    us(body, 0x1002, eventTypeId);
    return withGroupLength(body.toByteArray());
  }

  /** C-FIND-RQ (PS3.7 9.3.2.1) at medium priority, its identifier following as the data set. */
  public static byte[] find(String sopClassUid, int messageId) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    text(body, 0x0002, sopClassUid, (byte) 0);
    us(body, 0x0100, C_FIND_RQ);
    us(body, 0x0110, messageId);
    us(body, 0x0700, 0x0000);
    us(body, 0x0800, DATA_SET);
    return withGroupLength(body.toByteArray());
  }

  /** N-ACTION-RQ (PS3.7 10.3.4) with a data set, such as a storage commitment request (action type 1). */
  public static byte[] action(String sopClassUid, String sopInstanceUid, int messageId, int actionTypeId) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    text(body, 0x0003, sopClassUid, (byte) 0);
    us(body, 0x0100, N_ACTION_RQ);
    us(body, 0x0110, messageId);
    us(body, 0x0800, DATA_SET);
    text(body, 0x1001, sopInstanceUid, (byte) 0);
    us(body, 0x1008, actionTypeId);
    return withGroupLength(body.toByteArray());
  }

  /** A response with the SOP class and no data set or instance: C-ECHO-RSP. */
  public static byte[] echoResponse(int messageIdBeingRespondedTo) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    text(body, 0x0002, "1.2.840.10008.1.1", (byte) 0);
    us(body, 0x0100, C_ECHO_RSP);
    us(body, 0x0120, messageIdBeingRespondedTo);
    us(body, 0x0800, NO_DATA_SET);
    us(body, 0x0900, 0x0000);
    return withGroupLength(body.toByteArray());
  }

  /** N-CREATE-RSP, N-SET-RSP or N-ACTION-RSP without a data set; an error comment is added for failures. */
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
