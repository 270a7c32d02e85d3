package org.procroom.drivers.barcode.codec;

/**
 * Scanned data as text people can read and type: the ISO/IEC 15434 control characters a scanner
 * transmits (GS 0x1D, RS 0x1E, EOT 0x04) are written {@code <GS>}, {@code <RS>}, {@code <EOT>};
 * any other control byte as {@code <0xNN>}. {@link #parse} accepts those forms and {@code \x1d}.
 */
public final class ScanText {
  public static final char GS = 0x1D;
  public static final char RS = 0x1E;
  public static final char EOT = 0x04;

  private ScanText() {}

  public static String printable(String raw) {
    StringBuilder out = new StringBuilder(raw.length() + 8);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case GS -> out.append("<GS>");
        case RS -> out.append("<RS>");
        case EOT -> out.append("<EOT>");
        default -> {
          if (c < 0x20 || c == 0x7F) {
            out.append(String.format("<0x%02X>", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** The raw characters from the typed forms {@code <GS>}, {@code \x1d}, {@code <0x1D>} and the like. */
  public static String parse(String typed) {
    String text = typed.replace("<GS>", String.valueOf(GS)).replace("<RS>", String.valueOf(RS))
        .replace("<EOT>", String.valueOf(EOT));
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (text.startsWith("\\x", i) && i + 4 <= text.length() && isHex(text, i + 2, 2)) {
        out.append((char) Integer.parseInt(text.substring(i + 2, i + 4), 16));
        i += 3;
      } else if (text.startsWith("<0x", i) && i + 6 <= text.length() && text.charAt(i + 5) == '>'
          && isHex(text, i + 3, 2)) {
        out.append((char) Integer.parseInt(text.substring(i + 3, i + 5), 16));
        i += 5;
      } else {
        out.append(text.charAt(i));
      }
    }
    return out.toString();
  }

  /** Without the scanner's line suffix (CR, LF or CRLF), as the serial transport delivers a scan. */
  public static String withoutSuffix(String scan) {
    if (scan.endsWith("\r\n")) {
      return scan.substring(0, scan.length() - 2);
    }
    return scan.endsWith("\r") || scan.endsWith("\n") ? scan.substring(0, scan.length() - 1) : scan;
  }

  private static boolean isHex(String s, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
