package org.procroom.drivers.barcode.gs1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A property over the whole dictionary: element strings generated from it keep their meaning
 * through the raw (FNC1) and bracketed forms, and a mutated one (a wrong check digit, a value one
 * character short, a character outside the AI's set) is refused naming that element and rule.
 * 3,000 cases from a fixed seed, so a failure can be replayed.
 */
class ElementStringsKeepTheirMeaningTest {
  private static final Set<String> GENERATED_LINTERS = Set.of("csetnumeric", "cset82", "cset39", "cset64", "csum",
      "yymmd0", "yymmdd", "yyyymmdd", "hhmi", "hh", "mi", "ss", "gcppos1", "gcppos2");
  private final Gs1Dictionary dictionary = Gs1Dictionary.pinned();
  private final Gs1Elements parser = new Gs1Elements(dictionary, 2026);
  private final Random random = new Random(20261201);

  @Test
  void rawAndBracketedFormsAgreeAndMutationsAreRefusedByName() {
    List<Gs1AiSpec> specs = dictionary.all().stream()
        .filter(s -> s.parts().stream().allMatch(p -> GENERATED_LINTERS.containsAll(p.linters())))
        .sorted(java.util.Comparator.comparing(Gs1AiSpec::ai)).toList();
    assertTrue(specs.size() > 150, "most of the dictionary is generated: " + specs.size());
    for (int n = 0; n < 3000; n++) {
      List<Gs1Elements.Element> elements = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        Gs1AiSpec spec = specs.get(random.nextInt(specs.size()));
        elements.add(new Gs1Elements.Element(spec.ai(), value(spec)));
      }
      String raw = parser.toRaw(elements);
      String bracketed = bracketed(elements);
      Gs1Elements.Result fromRaw = parser.raw(raw);
      Gs1Elements.Result fromBrackets = parser.bracketed(bracketed);
      assertTrue(fromRaw.valid(), bracketed + " raw: " + fromRaw.error());
      assertTrue(fromBrackets.valid(), bracketed + ": " + fromBrackets.error());
      assertEquals(elements, fromRaw.elements(), bracketed);
      assertEquals(elements, fromBrackets.elements(), bracketed);
      mutate(elements, random.nextInt(elements.size()));
    }
  }

  private void mutate(List<Gs1Elements.Element> elements, int at) {
    Gs1Elements.Element e = elements.get(at);
    Gs1AiSpec spec = dictionary.of(e.ai()).orElseThrow();
    List<Gs1Elements.Element> changed = new ArrayList<>(elements);
    String rule;
    if (spec.parts().get(0).linters().contains("csum") && spec.parts().size() == 1) {
      String v = e.value();
      char last = v.charAt(v.length() - 1);
      changed.set(at, new Gs1Elements.Element(e.ai(), v.substring(0, v.length() - 1) + (char) ('0' + (last - '0' + 1) % 10)));
      rule = "INCORRECT_CHECK_DIGIT";
    } else if (spec.minLength() == spec.maxLength()) {
      changed.set(at, new Gs1Elements.Element(e.ai(), e.value().substring(1)));
      rule = "VALUE_TOO_SHORT";
    } else {
      String bad = spec.parts().get(0).set() == 'N' ? "A" : " ";
      changed.set(at, new Gs1Elements.Element(e.ai(), bad + e.value().substring(Math.min(1, e.value().length() - 1))));
      rule = null;
    }
    Gs1Elements.Result r = parser.bracketed(bracketed(changed));
    assertFalse(r.valid(), "mutated " + bracketed(changed) + " was taken");
    assertTrue(r.error().startsWith("AI " + e.ai()), "names the element: " + r.error());
    if (rule != null) {
      assertEquals(rule, r.rule(), r.error());
    }
  }

  private String bracketed(List<Gs1Elements.Element> elements) {
    StringBuilder out = new StringBuilder();
    for (Gs1Elements.Element e : elements) {
      out.append('(').append(e.ai()).append(')').append(e.value().replace("(", "\\("));
    }
    return out.toString();
  }

  private String value(Gs1AiSpec spec) {
    StringBuilder v = new StringBuilder();
    for (Gs1AiSpec.Part p : spec.parts()) {
      if (p.optional() && random.nextBoolean()) {
        break;
      }
      v.append(part(p));
    }
    return v.toString();
  }

  private String part(Gs1AiSpec.Part p) {
    int length = p.min() == p.max() ? p.max() : 1 + random.nextInt(p.max());
    if (p.linters().contains("yyyymmdd")) {
      return String.format("%04d%02d%02d", 1950 + random.nextInt(70), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }
    if (p.linters().contains("yymmd0") || p.linters().contains("yymmdd")) {
      return String.format("%02d%02d%02d", random.nextInt(100), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }
    if (p.linters().contains("hhmi")) {
      return String.format("%02d%02d", random.nextInt(24), random.nextInt(60));
    }
    if (p.linters().contains("hh")) {
      return String.format("%02d", random.nextInt(24));
    }
    if (p.linters().contains("mi") || p.linters().contains("ss")) {
      return String.format("%02d", random.nextInt(60));
    }
    String set = switch (p.set()) {
      case 'N' -> "0123456789";
      case 'X' -> Gs1Linters.CSET82;
      case 'Y' -> "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
      default -> "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    };
    StringBuilder s = new StringBuilder();
    boolean gcp = p.linters().contains("gcppos1") || p.linters().contains("gcppos2");
    if (gcp) {
      length = Math.max(length, Math.min(p.max(), 6)); // a company prefix has at least four digits
    }
    for (int i = 0; i < length; i++) {
      // a GS1 Company Prefix starts with digits
      s.append(gcp && i < 5 ? (char) ('0' + random.nextInt(10)) : set.charAt(random.nextInt(set.length())));
    }
    if (p.linters().contains("csum")) {
      s.setCharAt(s.length() - 1, '0');
      for (char c = '0'; c <= '9'; c++) {
        s.setCharAt(s.length() - 1, c);
        if (Gs1Linters.lint("csum", s.toString(), 2026) == null) {
          break;
        }
      }
    }
    return s.toString();
  }
}
