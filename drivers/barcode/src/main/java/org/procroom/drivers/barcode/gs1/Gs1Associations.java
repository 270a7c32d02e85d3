package org.procroom.drivers.barcode.gs1;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules between the elements of one scan (GS1 General Specifications 4.14, as the Syntax
 * Dictionary's {@code req=} and {@code ex=} encode them): each AI's required companions, AIs that
 * must not appear together, and a repeated AI only with the same value.
 */
public final class Gs1Associations {
  private Gs1Associations() {}

  /** Why the elements may not stand together, or null. */
  public static String check(Gs1Dictionary dictionary, List<Gs1Elements.Element> elements) {
    String problem = repeats(elements);
    if (problem == null) {
      problem = exclusions(dictionary, elements);
    }
    return problem == null ? requisites(dictionary, elements) : problem;
  }

  /** A repeated AI must carry the same value each time. */
  public static String repeats(List<Gs1Elements.Element> elements) {
    Map<String, String> seen = new HashMap<>();
    for (Gs1Elements.Element e : elements) {
      String before = seen.putIfAbsent(e.ai(), e.value());
      if (before != null && !before.equals(e.value())) {
        return "AI " + e.ai() + " appears twice with different values";
      }
    }
    return null;
  }

  /** {@code ex=}: an AI never appears with one it excludes (an AI never excludes itself). */
  public static String exclusions(Gs1Dictionary dictionary, List<Gs1Elements.Element> elements) {
    for (Gs1Elements.Element e : elements) {
      Gs1AiSpec spec = dictionary.of(e.ai()).orElse(null);
      if (spec == null) {
        continue;
      }
      for (String pattern : spec.excludes()) {
        for (Gs1Elements.Element other : elements) {
          if (!other.ai().equals(e.ai()) && matches(pattern, other.ai())) {
            return "AI " + e.ai() + " and AI " + other.ai() + " must not appear together";
          }
        }
      }
    }
    return null;
  }

  /** {@code req=}: every AI's required companions are present. */
  public static String requisites(Gs1Dictionary dictionary, List<Gs1Elements.Element> elements) {
    for (Gs1Elements.Element e : elements) {
      Gs1AiSpec spec = dictionary.of(e.ai()).orElse(null);
      if (spec == null) {
        continue;
      }
      for (List<List<String>> requirement : spec.requires()) {
        boolean met = requirement.stream().anyMatch(group -> group.stream().allMatch(pattern -> elements.stream()
            .anyMatch(other -> !other.ai().equals(e.ai()) && matches(pattern, other.ai()))));
        if (!met) {
          return "AI " + e.ai() + " (" + spec.title() + ") needs " + describe(requirement);
        }
      }
    }
    return null;
  }

  /** {@code 310n} matches 3100-3109; a pattern without {@code n} matches itself. */
  static boolean matches(String pattern, String ai) {
    if (pattern.length() != ai.length()) {
      return false;
    }
    for (int i = 0; i < pattern.length(); i++) {
      char p = pattern.charAt(i);
      if (p != 'n' && p != ai.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String describe(List<List<String>> requirement) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < requirement.size(); i++) {
      out.append(i == 0 ? "" : i == requirement.size() - 1 ? " or " : ", ")
          .append(String.join(" with ", requirement.get(i).stream().map(a -> "AI " + a).toList()));
    }
    return out.toString();
  }
}
