package org.procroom.drivers.barcode.codec;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses GS1 element strings, as scanners transmit them (FNC1 as GS, 0x1D) or as people type them
 * ({@code (01)...(17)...}). The result is the AI values in order, or the first rule broken, named
 * by AI and rule.
 */
public final class Gs1ElementString {
  /** GS1 character set 82 (GS1 General Specifications figure 7.11-1): no control characters, no space. */
  private static final String CSET_82 =
      "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

  /** Parsed AI values in scan order, or why they are not valid. */
  public record Result(Map<String, String> ais, String error) {
    public boolean valid() {
      return error == null;
    }

    static Result invalid(Map<String, String> soFar, String error) {
      return new Result(soFar, error);
    }
  }

  private Gs1ElementString() {}

  /** Parses scanner data; a leading GS (a transmitted leading FNC1) is dropped. */
  public static Result parse(String data, LocalDate today) {
    String text = data.startsWith(String.valueOf(ScanText.GS)) ? data.substring(1) : data;
    Map<String, String> ais = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return Result.invalid(ais, "no data after the GS1 symbology identifier");
    }
    int pos = 0;
    while (pos < text.length()) {
      Optional<Gs1Ai> found = Gs1Ai.at(text, pos);
      if (found.isEmpty()) {
        return Result.invalid(ais, "no GS1 Application Identifier starts at position " + pos + " ('"
            + ScanText.printable(text.substring(pos, Math.min(text.length(), pos + 4))) + "...')");
      }
      Gs1Ai ai = found.get();
      pos += ai.code().length();
      int end;
      if (ai.fixedLength()) {
        end = pos + ai.maxLength();
        int available = separatorOrEnd(text, pos) - pos;
        if (available < ai.maxLength()) {
          return Result.invalid(ais, "AI " + ai.code() + " (" + ai.title() + "): needs " + ai.maxLength()
              + (ai.numeric() ? " digits" : " characters") + ", found " + available);
        }
        if (!ai.predefinedLength() && end < text.length() && text.charAt(end) != ScanText.GS) {
          return Result.invalid(ais, "AI " + ai.code() + " (" + ai.title() + "): is not of predefined length, so a"
              + " GS separator must follow its " + ai.maxLength() + " characters");
        }
      } else {
        end = separatorOrEnd(text, pos);
      }
      String value = text.substring(pos, end);
      String problem = check(ai, value, today);
      if (problem != null) {
        return Result.invalid(ais, "AI " + ai.code() + " (" + ai.title() + "): " + problem);
      }
      String previous = ais.putIfAbsent(ai.code(), value);
      if (previous != null && !previous.equals(value)) {
        return Result.invalid(ais, "AI " + ai.code() + " appears twice with different values");
      }
      pos = end;
      if (pos < text.length() && text.charAt(pos) == ScanText.GS) {
        pos++;
      }
    }
    return new Result(ais, null);
  }

  /**
   * Parses the human-readable form {@code (01)09506000134352(17)201225(10)ABC}. A separator is
   * implied after each element that is not of predefined length.
   */
  public static Result parseHumanReadable(String text, LocalDate today) {
    StringBuilder raw = new StringBuilder();
    int pos = 0;
    while (pos < text.length()) {
      if (text.charAt(pos) != '(') {
        return Result.invalid(Map.of(), "human-readable form: expected '(' at position " + pos);
      }
      int close = text.indexOf(')', pos);
      if (close < 0) {
        return Result.invalid(Map.of(), "human-readable form: '(' at position " + pos + " is never closed");
      }
      String code = text.substring(pos + 1, close);
      Optional<Gs1Ai> ai = Gs1Ai.of(code);
      if (ai.isEmpty()) {
        return Result.invalid(Map.of(), "human-readable form: (" + code + ") is not a GS1 Application Identifier");
      }
      int next = text.indexOf('(', close);
      // A '(' inside an X value is allowed by character set 82; only an AI in brackets starts a new element.
      while (next >= 0 && !startsElement(text, next)) {
        next = text.indexOf('(', next + 1);
      }
      int end = next < 0 ? text.length() : next;
      raw.append(code).append(text, close + 1, end);
      if (next >= 0 && !ai.get().predefinedLength()) {
        raw.append(ScanText.GS);
      }
      pos = end;
    }
    return parse(raw.toString(), today);
  }

  private static boolean startsElement(String text, int open) {
    int close = text.indexOf(')', open);
    return close > open && Gs1Ai.of(text.substring(open + 1, close)).isPresent();
  }

  private static int separatorOrEnd(String text, int from) {
    int gs = text.indexOf(ScanText.GS, from);
    return gs < 0 ? text.length() : gs;
  }

  private static String check(Gs1Ai ai, String value, LocalDate today) {
    if (value.isEmpty()) {
      return "empty value";
    }
    if (value.length() > ai.maxLength()) {
      return value.length() + " characters, at most " + ai.maxLength() + " allowed";
    }
    if (value.length() < ai.minLength()) {
      return value.length() + " characters, at least " + ai.minLength() + " needed";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (ai.numeric() ? (c < '0' || c > '9') : CSET_82.indexOf(c) < 0) {
        return "character '" + ScanText.printable(String.valueOf(c)) + "' at position " + i + " is not allowed ("
            + (ai.numeric() ? "digits only" : "GS1 character set 82") + ")";
      }
    }
    if (ai.checkDigit()) {
      int expected = CheckDigits.gs1(value.substring(0, value.length() - 1));
      int actual = value.charAt(value.length() - 1) - '0';
      if (expected != actual) {
        return "check digit is " + actual + ", expected " + expected;
      }
    }
    try {
      switch (ai.date()) {
        case YYMMDD -> Gs1Dates.yymmdd(value, today);
        case YYYYMMDD -> Gs1Dates.yyyymmdd(value);
        case NONE -> { }
      }
    } catch (IllegalArgumentException e) {
      return "'" + value + "' is not a date: " + e.getMessage();
    }
    return null;
  }
}
