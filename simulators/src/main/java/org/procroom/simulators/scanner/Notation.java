package org.procroom.simulators.scanner;

/**
 * The typed notation of scripts: {@code <GS>}, {@code <RS>}, {@code <EOT>}, {@code <CR>},
 * {@code <LF>} and {@code \xNN} stand for the control bytes a scanner sends.
 */
final class Notation {
  private Notation() {}

  static String decode(String typed) {
    StringBuilder out = new StringBuilder(typed.length());
    for (int i = 0; i < typed.length(); i++) {
      String rest = typed.substring(i);
      if (rest.startsWith("<GS>")) {
        out.append('\u001D');
        i += 3;
      } else if (rest.startsWith("<RS>")) {
        out.append('\u001E');
        i += 3;
      } else if (rest.startsWith("<EOT>")) {
        out.append('\u0004');
        i += 4;
      } else if (rest.startsWith("<CR>")) {
        out.append('\r');
        i += 3;
      } else if (rest.startsWith("<LF>")) {
        out.append('\n');
        i += 3;
      } else if (rest.startsWith("\\x") && rest.length() >= 4) {
        out.append((char) Integer.parseInt(rest.substring(2, 4), 16));
        i += 3;
      } else {
        out.append(typed.charAt(i));
      }
    }
    return out.toString();
  }
}
