package org.procroom.gateway.charting.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The numeric values a PCD-01 ORU^R01 charts, read back from the message text, and the same
 * message without some of them: what a nurse reviews is exactly what would be filed. Plain text
 * work on the message as HL7 v2 lays it out (segments by CR, fields by the MSH-1 separator,
 * components by MSH-2's first character); no I/O.
 */
public final class ChartedValues {
  /**
   * One NM result: OBX-3 (MDC code and its reference id), OBX-4, OBX-5, the unit (UCUM where the
   * message gives it, else the unit's text), OBX-11, OBX-14 (else OBR-7) and OBX-18's first component.
   */
  public record Value(String mdc, String code, String subId, String value, String unit, String status, String time,
      String equipment) {}

  private ChartedValues() {}

  public static List<Value> read(String message) {
    List<Value> values = new ArrayList<>();
    Separators sep = Separators.of(message);
    String observed = "";
    for (String segment : message.split("\r")) {
      List<String> f = sep.fields(segment);
      if (segment.startsWith("OBR")) {
        observed = field(f, 7);
      } else if (segment.startsWith("OBX") && field(f, 2).equals("NM")) {
        List<String> id = sep.components(field(f, 3));
        String time = field(f, 14).isEmpty() ? observed : field(f, 14);
        values.add(new Value(component(id, 1), component(id, 2), field(f, 4), field(f, 5), unit(sep.components(field(f, 6))),
            field(f, 11), time, component(sep.components(field(f, 18)), 1)));
      }
    }
    return values;
  }

  /**
   * The message without the NM results whose OBX-3 reference id is one of {@code codes}, the
   * remaining OBX set ids renumbered; empty when no NM result would be left.
   */
  public static Optional<String> without(String message, Set<String> codes) {
    Separators sep = Separators.of(message);
    StringBuilder out = new StringBuilder();
    int setId = 0;
    int left = 0;
    for (String segment : message.split("\r")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.startsWith("OBX")) {
        List<String> f = sep.fields(segment);
        boolean numeric = field(f, 2).equals("NM");
        if (numeric && codes.contains(component(sep.components(field(f, 3)), 2))) {
          continue;
        }
        left += numeric ? 1 : 0;
        f.set(1, String.valueOf(++setId));
        segment = String.join(String.valueOf(sep.field), f);
      }
      out.append(segment).append('\r');
    }
    return left == 0 ? Optional.empty() : Optional.of(out.toString());
  }

  /** OBX-6 CWE: the UCUM form where one of its two triplets is UCUM, else the first text. */
  private static String unit(List<String> c) {
    if (component(c, 6).equals("UCUM")) {
      return component(c, 4);
    }
    if (component(c, 3).equals("UCUM")) {
      return component(c, 1);
    }
    return component(c, 2).isEmpty() ? component(c, 1) : component(c, 2);
  }

  private static String field(List<String> fields, int n) {
    return n < fields.size() ? fields.get(n) : "";
  }

  private static String component(List<String> components, int n) {
    return n - 1 < components.size() ? components.get(n - 1) : "";
  }

  /** MSH-1 and MSH-2's component separator; {@code |} and {@code ^} when the message starts otherwise. */
  private record Separators(char field, char component) {
    static Separators of(String message) {
      return message.startsWith("MSH") && message.length() > 4
          ? new Separators(message.charAt(3), message.charAt(4)) : new Separators('|', '^');
    }

    List<String> fields(String segment) {
      return split(segment, field);
    }

    List<String> components(String value) {
      return split(value, component);
    }

    private static List<String> split(String text, char on) {
      List<String> parts = new ArrayList<>();
      int start = 0;
      for (int i = 0; i <= text.length(); i++) {
        if (i == text.length() || text.charAt(i) == on) {
          parts.add(text.substring(start, i));
          start = i + 1;
        }
      }
      return parts;
    }
  }
}
