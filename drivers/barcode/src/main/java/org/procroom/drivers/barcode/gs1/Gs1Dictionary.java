package org.procroom.drivers.barcode.gs1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GS1 Barcode Syntax Dictionary, read from the pinned copy beside this class
 * ({@code gs1-syntax-dictionary.txt}, its release named in {@link #release()}): every AI with its
 * components, character sets, lengths, linters, FNC1 requirement and associations. The file is the
 * table: nothing is copied out of it by hand, so the two cannot disagree; a line the grammar does
 * not allow stops the gateway at start (and fails the build's tests).
 */
public final class Gs1Dictionary {
  private static final String RESOURCE = "/org/procroom/drivers/barcode/gs1/gs1-syntax-dictionary.txt";
  /** Loaded on first use, after the grammar's patterns below are set up. */
  private static final class Pinned {
    static final Gs1Dictionary DICTIONARY = load();
  }

  private final Map<String, Gs1AiSpec> byAi;
  private final String release;

  private Gs1Dictionary(Map<String, Gs1AiSpec> byAi, String release) {
    this.byAi = Map.copyOf(byAi);
    this.release = release;
  }

  public static Gs1Dictionary pinned() {
    return Pinned.DICTIONARY;
  }

  /** The dictionary's release line, e.g. {@code 2026-01-27}. */
  public String release() {
    return release;
  }

  public Optional<Gs1AiSpec> of(String ai) {
    return Optional.ofNullable(byAi.get(ai));
  }

  public int size() {
    return byAi.size();
  }

  public java.util.Collection<Gs1AiSpec> all() {
    return byAi.values();
  }

  /** The AI that starts at {@code from}: AIs are prefix-free, so at most one of lengths 2 to 4 fits. */
  public Optional<Gs1AiSpec> at(CharSequence text, int from) {
    for (int length = 2; length <= 4 && from + length <= text.length(); length++) {
      Gs1AiSpec spec = byAi.get(text.subSequence(from, from + length).toString());
      if (spec != null) {
        return Optional.of(spec);
      }
    }
    return Optional.empty();
  }

  private static Gs1Dictionary load() {
    try (InputStream in = Gs1Dictionary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("gs1-syntax-dictionary.txt is missing from the build");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses dictionary lines; a line that breaks the grammar is an error naming the line. */
  static Gs1Dictionary parse(List<String> lines) {
    Map<String, Gs1AiSpec> byAi = new HashMap<>();
    String release = "unknown";
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      String stripped = line.strip();
      if (stripped.startsWith("# Release:")) {
        release = stripped.substring("# Release:".length()).strip();
      }
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      try {
        for (Gs1AiSpec spec : entries(stripped)) {
          if (byAi.put(spec.ai(), spec) != null) {
            throw new IllegalArgumentException("AI " + spec.ai() + " defined twice");
          }
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("GS1 Barcode Syntax Dictionary line " + (n + 1) + ": " + e.getMessage());
      }
    }
    return new Gs1Dictionary(byAi, release);
  }

  private static final java.util.regex.Pattern FLAGS =
      java.util.regex.Pattern.compile("[*?!\"$%&'()+,\\-./:;<=>@\\[\\\\\\]^_`{|}~]+");
  private static final java.util.regex.Pattern COMPONENT =
      java.util.regex.Pattern.compile("(\\[)?([A-Z])(\\.\\.)?([0-9a-z]*)(\\])?((?:,[^,]*)*)");
  private static final java.util.regex.Pattern ATTRIBUTE = java.util.regex.Pattern.compile("([a-z]+)(?:=(.*))?");
  private static final java.util.regex.Pattern AI_REFERENCE = java.util.regex.Pattern.compile("\\d+n*");
  private static final String TITLE_CHARACTERS = "A-Za-z0-9#()\\-+,./\u00b2\u00b3 ";

  /**
   * One dictionary entry, expanded to every AI of its range, checked against the grammar the
   * dictionary's header states (and GS1's syntax engine enforces): a line it does not allow is an
   * {@link IllegalArgumentException} saying which rule.
   */
  static List<Gs1AiSpec> entries(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return List.of();
    }
    List<String> tokens = new ArrayList<>(List.of(trimmed.split("\\s+")));
    String title = "";
    int hash = tokens.indexOf("#");
    if (hash >= 0) {
      title = String.join(" ", tokens.subList(hash + 1, tokens.size()));
      tokens = tokens.subList(0, hash);
      if (!title.matches("[" + TITLE_CHARACTERS + "]*")) {
        throw new IllegalArgumentException("title '" + title + "' has characters outside " + TITLE_CHARACTERS);
      }
    }
    List<String> ais = range(tokens.get(0));
    int i = 1;
    boolean fnc1 = true;
    boolean dlAttribute = false;
    while (i < tokens.size() && FLAGS.matcher(tokens.get(i)).matches() && !tokens.get(i).startsWith("[")) {
      fnc1 &= tokens.get(i).indexOf('*') < 0;
      dlAttribute |= tokens.get(i).indexOf('?') >= 0;
      i++;
    }
    List<Gs1AiSpec.Part> parts = new ArrayList<>();
    while (i < tokens.size() && (tokens.get(i).startsWith("[") || Character.isUpperCase(tokens.get(i).charAt(0)))) {
      parts.add(part(tokens.get(i)));
      i++;
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no component");
    }
    if (parts.size() > 5) {
      throw new IllegalArgumentException(parts.size() + " components, at most 5");
    }
    for (int k = 0; k < parts.size(); k++) {
      Gs1AiSpec.Part p = parts.get(k);
      if (k < parts.size() - 1 && p.min() != p.max()) {
        throw new IllegalArgumentException("only the last component may be of variable length");
      }
      if (k > 0 && parts.get(k - 1).optional() && !p.optional()) {
        throw new IllegalArgumentException("a mandatory component follows an optional one");
      }
      if (!fnc1 && (p.optional() || p.min() != p.max())) {
        throw new IllegalArgumentException("'*' (no FNC1) needs every component fixed-length and mandatory");
      }
    }
    List<List<List<String>>> requires = new ArrayList<>();
    List<String> excludes = new ArrayList<>();
    String dlPrimaryKey = null;
    List<String> attributes = tokens.subList(i, tokens.size());
    String attributeText = String.join(" ", attributes);
    if (attributeText.length() > 64) {
      throw new IllegalArgumentException("attributes longer than 64 characters");
    }
    for (String t : attributes) {
      java.util.regex.Matcher m = ATTRIBUTE.matcher(t);
      if (!m.matches()) {
        throw new IllegalArgumentException("attribute '" + t + "' is not name[=value] with a lower-case name");
      }
      String value = m.group(2);
      if (value != null && !value.matches("[a-z0-9\\-+_,|]+")) {
        throw new IllegalArgumentException("attribute '" + t + "' has an empty or ill-formed value");
      }
      switch (m.group(1)) {
        case "req" -> {
          List<List<String>> groups = new ArrayList<>();
          if (value == null) {
            throw new IllegalArgumentException("req needs its AIs");
          }
          for (String group : value.split(",", -1)) {
            groups.add(List.copyOf(references(group, "\\+")));
          }
          requires.add(List.copyOf(groups));
        }
        case "ex" -> excludes.addAll(references(value, ","));
        case "dlpkey" -> {
          if (value != null) {
            for (String sequence : value.split("\\|", -1)) {
              references(sequence, ",");
            }
          }
          dlPrimaryKey = value == null ? "" : value;
        }
        default -> throw new IllegalArgumentException("unknown attribute '" + t + "'");
      }
    }
    List<Gs1AiSpec> out = new ArrayList<>();
    for (String ai : ais) {
      out.add(new Gs1AiSpec(ai, fnc1, dlAttribute, List.copyOf(parts), List.copyOf(requires), List.copyOf(excludes),
          dlPrimaryKey, attributeText, title));
    }
    return out;
  }

  /** AI references of req, ex and dlpkey: 2 to 4 characters, digits then optional {@code n}s. */
  private static List<String> references(String text, String separator) {
    if (text == null) {
      throw new IllegalArgumentException("an attribute needs its AIs");
    }
    List<String> out = new ArrayList<>();
    for (String ref : text.split(separator, -1)) {
      if (ref.length() < 2 || ref.length() > 4 || !AI_REFERENCE.matcher(ref).matches()) {
        throw new IllegalArgumentException("'" + ref + "' is not an AI or AI pattern (2 to 4 digits, then any 'n's)");
      }
      out.add(ref);
    }
    return out;
  }

  private static Gs1AiSpec.Part part(String token) {
    java.util.regex.Matcher m = COMPONENT.matcher(token);
    if (!m.matches() || (m.group(1) == null) != (m.group(5) == null)) {
      throw new IllegalArgumentException("component '" + token + "' is not [Type] or Type with its length");
    }
    char set = m.group(2).charAt(0);
    if ("NXYZ".indexOf(set) < 0) {
      throw new IllegalArgumentException("'" + set + "' is not a character set (N, X, Y, Z)");
    }
    String digits = m.group(4);
    if (!digits.matches("[1-9][0-9]?")) {
      throw new IllegalArgumentException("length '" + digits + "' of '" + token + "' is not 1 to 99");
    }
    int length = Integer.parseInt(digits);
    boolean variable = m.group(3) != null;
    List<String> linters = new ArrayList<>(List.of(switch (set) {
      case 'N' -> "csetnumeric";
      case 'X' -> "cset82";
      case 'Y' -> "cset39";
      default -> "cset64";
    }));
    String[] extra = m.group(6).isEmpty() ? new String[0] : m.group(6).substring(1).split(",", -1);
    if (extra.length > 3) {
      throw new IllegalArgumentException(extra.length + " linters on '" + token + "', at most 3");
    }
    for (String linter : extra) {
      if (!Gs1Linters.known(linter)) {
        throw new IllegalArgumentException("unknown linter '" + linter + "'");
      }
      linters.add(linter);
    }
    return new Gs1AiSpec.Part(set, variable ? 1 : length, length, m.group(1) != null, List.copyOf(linters));
  }

  private static List<String> range(String ais) {
    int dash = ais.indexOf('-');
    String from = dash < 0 ? ais : ais.substring(0, dash);
    String to = dash < 0 ? ais : ais.substring(dash + 1);
    if (!from.matches("\\d{2,4}") || !to.matches("\\d{2,4}")) {
      throw new IllegalArgumentException("'" + ais + "' is not an AI of 2 to 4 digits or a range of them");
    }
    if (from.length() != to.length() || !from.substring(0, from.length() - 1).equals(to.substring(0, to.length() - 1))
        || (dash >= 0 && to.compareTo(from) <= 0)) {
      throw new IllegalArgumentException("range '" + ais + "': both ends of one width, differing in the last digit,"
          + " the end after the start");
    }
    List<String> out = new ArrayList<>();
    for (int v = Integer.parseInt(from); v <= Integer.parseInt(to); v++) {
      out.add(String.format("%0" + from.length() + "d", v));
    }
    return out;
  }

}
