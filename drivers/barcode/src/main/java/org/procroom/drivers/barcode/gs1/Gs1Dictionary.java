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
  private static final Gs1Dictionary PINNED = load();

  private final Map<String, Gs1AiSpec> byAi;
  private final String release;

  private Gs1Dictionary(Map<String, Gs1AiSpec> byAi, String release) {
    this.byAi = Map.copyOf(byAi);
    this.release = release;
  }

  public static Gs1Dictionary pinned() {
    return PINNED;
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

  /** One dictionary entry, expanded to every AI of its range. */
  static List<Gs1AiSpec> entries(String line) {
    int hash = line.indexOf(" #");
    String title = hash < 0 ? "" : line.substring(hash + 2).strip();
    String[] tokens = (hash < 0 ? line : line.substring(0, hash)).strip().split("\\s+");
    String ais = tokens[0];
    int i = 1;
    boolean fnc1 = true;
    boolean dlAttribute = false;
    while (i < tokens.length && tokens[i].matches("[*?!\"$%&'()+,\\-./:;<=>@\\[\\\\\\]^_`{|}~]+")
        && !tokens[i].startsWith("[")) {
      fnc1 &= tokens[i].indexOf('*') < 0;
      dlAttribute |= tokens[i].indexOf('?') >= 0;
      i++;
    }
    List<Gs1AiSpec.Part> parts = new ArrayList<>();
    while (i < tokens.length && tokens[i].matches("\\[?[NXYZ](\\.\\.)?\\d+\\]?(,[a-z0-9]+)*")) {
      parts.add(part(tokens[i]));
      i++;
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no component in '" + line + "'");
    }
    List<List<List<String>>> requires = new ArrayList<>();
    List<String> excludes = new ArrayList<>();
    String dlPrimaryKey = null;
    for (; i < tokens.length; i++) {
      String t = tokens[i];
      if (t.startsWith("req=")) {
        List<List<String>> groups = new ArrayList<>();
        for (String group : t.substring(4).split(",")) {
          groups.add(List.of(group.split("\\+")));
        }
        requires.add(List.copyOf(groups));
      } else if (t.startsWith("ex=")) {
        excludes.addAll(List.of(t.substring(3).split(",")));
      } else if (t.equals("dlpkey") || t.startsWith("dlpkey=")) {
        dlPrimaryKey = t.length() > 7 ? t.substring(7) : "";
      } else {
        throw new IllegalArgumentException("unknown attribute '" + t + "'");
      }
    }
    List<Gs1AiSpec> out = new ArrayList<>();
    for (String ai : range(ais)) {
      out.add(new Gs1AiSpec(ai, fnc1, dlAttribute, List.copyOf(parts), List.copyOf(requires), List.copyOf(excludes),
          dlPrimaryKey, title));
    }
    return out;
  }

  private static Gs1AiSpec.Part part(String token) {
    String[] pieces = token.split(",");
    String type = pieces[0];
    boolean optional = type.startsWith("[");
    if (optional) {
      type = type.substring(1, type.length() - 1);
    }
    char set = type.charAt(0);
    boolean variable = type.startsWith("..", 1);
    int length = Integer.parseInt(type.substring(variable ? 3 : 1));
    List<String> linters = new ArrayList<>(List.of(switch (set) {
      case 'N' -> "csetnumeric";
      case 'X' -> "cset82";
      case 'Y' -> "cset39";
      default -> "cset64";
    }));
    for (int k = 1; k < pieces.length; k++) {
      if (!Gs1Linters.known(pieces[k])) {
        throw new IllegalArgumentException("unknown linter '" + pieces[k] + "'");
      }
      linters.add(pieces[k]);
    }
    return new Gs1AiSpec.Part(set, variable ? 1 : length, length, optional, List.copyOf(linters));
  }

  private static List<String> range(String ais) {
    int dash = ais.indexOf('-');
    if (dash < 0) {
      return List.of(ais);
    }
    String from = ais.substring(0, dash);
    String to = ais.substring(dash + 1);
    List<String> out = new ArrayList<>();
    for (int v = Integer.parseInt(from); v <= Integer.parseInt(to); v++) {
      out.add(String.format("%0" + from.length() + "d", v));
    }
    return out;
  }
}
