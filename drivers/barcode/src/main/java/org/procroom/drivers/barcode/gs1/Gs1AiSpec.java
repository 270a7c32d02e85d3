package org.procroom.drivers.barcode.gs1;

import java.util.List;

/**
 * One AI as the GS1 Barcode Syntax Dictionary defines it.
 *
 * @param ai           2 to 4 digits
 * @param fnc1Required a GS (FNC1) must follow its value unless it is last; false for the predefined-length AIs
 * @param dlAttribute  allowed as a GS1 Digital Link query attribute
 * @param parts        the value's components, in order
 * @param requires     each {@code req=}: one of its groups (all AIs of a group) must be present
 * @param excludes     AIs or patterns ({@code 394n}) that must not appear with it
 * @param dlPrimaryKey null, or its qualifier sequences ({@code 22,10,21|235}; empty for none)
 * @param attributes   the entry's attributes as written ({@code req=01 ex=255})
 * @param title        the GS1 data title
 */
public record Gs1AiSpec(String ai, boolean fnc1Required, boolean dlAttribute, List<Part> parts,
    List<List<List<String>>> requires, List<String> excludes, String dlPrimaryKey, String attributes, String title) {

  /**
   * A component: its character set ({@code N}, {@code X} CSET 82, {@code Y} CSET 39, {@code Z}
   * CSET 64), length bounds, whether it may be left out, and its linters (the character set's first).
   */
  public record Part(char set, int min, int max, boolean optional, List<String> linters) {}

  public int minLength() {
    return parts.stream().filter(p -> !p.optional()).mapToInt(Part::min).sum();
  }

  public int maxLength() {
    return parts.stream().mapToInt(Part::max).sum();
  }

  public boolean numeric() {
    return parts.stream().allMatch(p -> p.set() == 'N');
  }
}
