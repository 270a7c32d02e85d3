package org.procroom.gateway.charting.hl7;

/**
 * An acknowledgement as the interface engine sent it: MSA-1 (AA, AE, AR; CA, CE, CR), MSA-2 the
 * control id it acknowledges, and its text (MSA-3, else ERR-8, else ERR-3).
 */
record Hl7Ack(String code, String controlId, String text) {
  /** Null when the message has no MSA segment (it is not an acknowledgement). */
  static Hl7Ack read(String message) {
    String code = null;
    String controlId = null;
    String text = "";
    String errorText = "";
    for (String segment : message.split("[\r\n]+")) {
      String[] f = segment.split("\\|", -1);
      if (f[0].equals("MSA")) {
        code = f.length > 1 ? f[1] : "";
        controlId = f.length > 2 ? f[2] : "";
        text = f.length > 3 ? f[3] : "";
      } else if (f[0].equals("ERR") && errorText.isEmpty()) {
        errorText = f.length > 8 && !f[8].isEmpty() ? f[8] : f.length > 3 ? components(f[3]) : "";
      }
    }
    if (code == null) {
      return null;
    }
    return new Hl7Ack(code, controlId, !text.isEmpty() ? text : errorText);
  }

  /** ERR-3 as words: its non-empty components (code, text, coding system, original text). */
  private static String components(String field) {
    return String.join(" ", java.util.Arrays.stream(field.split("\\^")).filter(c -> !c.isBlank()).toList());
  }

  boolean accepted() {
    return code.equals("AA") || code.equals("CA");
  }
}
