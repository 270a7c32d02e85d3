package org.procroom.drivers.barcode.gs1;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GS1 element strings, raw (FNC1 transmitted as GS, 0x1D) or bracketed ({@code (01)...(10)...},
 * {@code \(} for a literal bracket), read with the Syntax Dictionary: each element's AI, its value
 * cut by the AI's own length rules (a fixed-length value never spills into the next element), every
 * component checked by its linters. The result is the elements in order, or the first rule broken,
 * named by AI and rule.
 */
public final class Gs1Elements {
  static final char GS = 0x1D;
  /** At most this many elements in one scan (the syntax engine's limit). */
  static final int MAX_ELEMENTS = 64;

  /** One AI and its value. */
  public record Element(String ai, String value) {}

  /** A rule a value breaks: the syntax engine's name for it, and the reason in words. */
  record Violation(String rule, String message) {
    /** The same, its message starting with the AI it is about. */
    Violation about(Gs1AiSpec spec) {
      return new Violation(rule, name(spec) + ": " + message);
    }

    Result failed(List<Element> soFar) {
      return Result.failed(soFar, rule, message);
    }
  }

  /**
   * The elements, or why the data is not valid: {@code error} in words naming the AI and the rule,
   * {@code rule} the GS1 syntax engine's name for it (a linter error, or this parser's own).
   */
  public record Result(List<Element> elements, String error, String rule) {
    public Result {
      elements = List.copyOf(elements);
    }

    public boolean valid() {
      return error == null;
    }

    static Result failed(List<Element> soFar, String rule, String error) {
      return new Result(soFar, error, rule);
    }
  }

  private final Gs1Dictionary dictionary;
  private final int referenceYear;

  /** @param referenceYear the year two-digit years are read around (the current year) */
  public Gs1Elements(Gs1Dictionary dictionary, int referenceYear) {
    this.dictionary = dictionary;
    this.referenceYear = referenceYear;
  }

  /** Raw element string as a scanner sends it; a leading GS (a transmitted FNC1) is dropped. */
  public Result raw(String data) {
    String text = !data.isEmpty() && data.charAt(0) == GS ? data.substring(1) : data;
    List<Element> elements = new ArrayList<>();
    if (text.isEmpty()) {
      return Result.failed(elements, "NO_DATA", "no data after the GS1 symbology identifier");
    }
    int pos = 0;
    while (pos < text.length()) {
      Optional<Gs1AiSpec> found = dictionary.at(text, pos);
      if (found.isEmpty()) {
        return Result.failed(elements, "UNKNOWN_AI", "no GS1 Application Identifier starts at position " + pos
            + " ('" + printable(text.substring(pos, Math.min(text.length(), pos + 4))) + "...')");
      }
      Gs1AiSpec spec = found.get();
      pos += spec.ai().length();
      int end;
      if (!spec.fnc1Required()) {
        end = pos + spec.maxLength();
        int available = separatorOrEnd(text, pos) - pos;
        if (available < spec.maxLength()) {
          return Result.failed(elements, "VALUE_TOO_SHORT", name(spec) + ": needs " + spec.maxLength()
              + (spec.numeric() ? " digits" : " characters") + ", found " + available);
        }
      } else {
        end = separatorOrEnd(text, pos);
      }
      String value = text.substring(pos, end);
      Violation problem = check(spec, value);
      if (problem != null) {
        return problem.about(spec).failed(elements);
      }
      if (elements.size() == MAX_ELEMENTS) {
        return Result.failed(elements, "TOO_MANY_AIS", "more than " + MAX_ELEMENTS + " elements");
      }
      elements.add(new Element(spec.ai(), value));
      pos = end;
      if (pos < text.length() && text.charAt(pos) == GS) {
        pos++; // a separator at the very end is allowed: some scanners send one
      }
    }
    return new Result(elements, null, null);
  }

  /** The bracketed form people type and labels print: {@code (01)09506000134352(17)201225(10)ABC}. */
  public Result bracketed(String text) {
    List<Element> elements = new ArrayList<>();
    int pos = 0;
    if (text.isEmpty()) {
      return Result.failed(elements, "NO_DATA", "no GS1 data");
    }
    while (pos < text.length()) {
      if (text.charAt(pos) != '(') {
        return Result.failed(elements, "AI_DATA_MUST_START_WITH_AI", "expected '(' and an AI at position " + pos);
      }
      int close = text.indexOf(')', pos);
      if (close < 0) {
        return Result.failed(elements, "AI_NOT_TERMINATED", "'(' at position " + pos + " is never closed");
      }
      String ai = text.substring(pos + 1, close);
      if (!ai.matches("\\d{2,4}")) {
        return Result.failed(elements, "INVALID_AI", "(" + printable(ai) + ") is not an AI of 2 to 4 digits");
      }
      Optional<Gs1AiSpec> spec = dictionary.of(ai);
      if (spec.isEmpty()) {
        return Result.failed(elements, "UNKNOWN_AI", "(" + ai + ") is not a GS1 Application Identifier");
      }
      StringBuilder value = new StringBuilder();
      int i = close + 1;
      while (i < text.length() && text.charAt(i) != '(') {
        if (text.charAt(i) == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
          value.append('(');
          i += 2;
        } else {
          value.append(text.charAt(i++));
        }
      }
      Violation problem = value.indexOf("^") >= 0
          ? new Violation("INVALID_CHARACTER", "'^' is not allowed (it stands for FNC1)")
          : check(spec.get(), value.toString());
      if (problem != null) {
        return problem.about(spec.get()).failed(elements);
      }
      if (elements.size() == MAX_ELEMENTS) {
        return Result.failed(elements, "TOO_MANY_AIS", "more than " + MAX_ELEMENTS + " elements");
      }
      elements.add(new Element(ai, value.toString()));
      pos = i;
    }
    return new Result(elements, null, null);
  }

  /** The element string as a scanner would send it: FNC1 (GS) only after values that need one. */
  public String toRaw(List<Element> elements) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < elements.size(); i++) {
      Element e = elements.get(i);
      out.append(e.ai()).append(e.value());
      if (i < elements.size() - 1 && dictionary.of(e.ai()).map(Gs1AiSpec::fnc1Required).orElse(true)) {
        out.append(GS);
      }
    }
    return out.toString();
  }

  /** The rule the value breaks, or null when it fits its AI. */
  Violation check(Gs1AiSpec spec, String value) {
    if (value.isEmpty()) {
      return new Violation("EMPTY_VALUE", "the value is empty");
    }
    if (value.length() < spec.minLength()) {
      return new Violation("VALUE_TOO_SHORT", value.length() + " characters, at least " + spec.minLength() + " needed");
    }
    if (value.length() > spec.maxLength()) {
      boolean fixed = spec.minLength() == spec.maxLength();
      return new Violation("VALUE_TOO_LONG", value.length() + " characters, at most " + spec.maxLength() + " allowed"
          + (fixed ? ": it is not of predefined length, so a GS separator must follow its " + spec.maxLength()
          + (spec.numeric() ? " digits" : " characters") : ""));
    }
    int pos = 0;
    for (Gs1AiSpec.Part part : spec.parts()) {
      int remaining = value.length() - pos;
      if (remaining == 0 && part.optional()) {
        break;
      }
      int take = Math.min(part.max(), remaining);
      if (take < part.min()) {
        return new Violation("VALUE_TOO_SHORT", value.length() + " characters do not fill its components");
      }
      String data = value.substring(pos, pos + take);
      for (String linter : part.linters()) {
        String error = Gs1Linters.lint(linter, data, referenceYear);
        if (error != null) {
          return new Violation(error, Gs1Explanations.explain(linter, error, data, referenceYear));
        }
      }
      pos += take;
    }
    return null;
  }

  static String name(Gs1AiSpec spec) {
    return "AI " + spec.ai() + (spec.title().isEmpty() ? "" : " (" + spec.title() + ")");
  }

  private static int separatorOrEnd(String text, int from) {
    int gs = text.indexOf(GS, from);
    return gs < 0 ? text.length() : gs;
  }

  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      out.append(c == GS ? "<GS>" : c < 0x20 || c == 0x7F ? String.format("<%02X>", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }
}
