package org.procroom.drivers.vitals.pcd01;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Builds HL7 v2 acknowledgements in original mode from the received MSH read as plain fields, so
 * that even a message HAPI cannot parse gets an answer naming its control id: AA accepted, AE
 * application error (e.g. not stored), AR rejected (e.g. not an ORU^R01), with an ERR segment
 * carrying the reason.
 */
public final class Hl7Ack {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

  public enum Code { AA, AE, AR }

  private Hl7Ack() {}

  /** The field of the MSH segment with HL7 number {@code n} (MSH-1 is the separator itself), or "". */
  static String mshField(String message, int n) {
    int end = message.indexOf('\r');
    String msh = end < 0 ? message : message.substring(0, end);
    if (!msh.startsWith("MSH") || msh.length() < 4) {
      return "";
    }
    String[] fields = msh.split(java.util.regex.Pattern.quote(String.valueOf(msh.charAt(3))), -1);
    return n - 1 < fields.length ? fields[n - 1] : "";
  }

  /** HL7 table 0357 message error conditions used here. */
  public enum Error {
    NONE(0, "Message accepted"), SEGMENT_SEQUENCE(100, "Segment sequence error"),
    DATA_TYPE(102, "Data type error"), UNSUPPORTED_MESSAGE_TYPE(200, "Unsupported message type"),
    INTERNAL(207, "Application internal error");

    final int code;
    final String text;

    Error(int code, String text) {
      this.code = code;
      this.text = text;
    }
  }

  public static String build(String received, Code code, Error error, String reason, String ackControlId,
      ZonedDateTime now) {
    return build(received, code, error, "", reason, ackControlId, now);
  }

  /**
   * With {@code location} (ERR-2, an ERL: segment^sequence^field, e.g. {@code MSH^1^9}) naming
   * where the problem is; empty when no one field is at fault.
   */
  public static String build(String received, Code code, Error error, String location, String reason,
      String ackControlId, ZonedDateTime now) {
    String controlId = mshField(received, 10);
    String version = mshField(received, 12).isEmpty() ? "2.6" : mshField(received, 12);
    StringBuilder ack = new StringBuilder(256)
        .append("MSH|^~\\&|PROCROOM|GATEWAY|").append(mshField(received, 3)).append('|').append(mshField(received, 4))
        .append('|').append(TS.format(now)).append("||ACK^R01^ACK|").append(ackControlId).append("|P|").append(version)
        .append('\r')
        .append("MSA|").append(code).append('|').append(controlId).append('\r');
    if (code != Code.AA) {
      ack.append("ERR||").append(location).append('|').append(error.code).append('^').append(error.text).append("^HL70357|E|||")
          .append(escape(reason)).append('\r');
    }
    return ack.toString();
  }

  /** HL7 escape sequences for the delimiters inside free text. */
  static String escape(String text) {
    return text.replace("\\", "\\E\\").replace("|", "\\F\\").replace("^", "\\S\\").replace("&", "\\T\\")
        .replace("~", "\\R\\").replace("\r", " ").replace("\n", " ");
  }
}
