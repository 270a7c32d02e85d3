package org.procroom.drivers.vitals.terms;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IEEE 11073-10101 dimension table (MDC_DIM_* names and numeric codes, partition 4) with the
 * UCUM each stands for, from the pinned {@code units/mdc-dimensions.tsv} (its header names the
 * source: NIST RTMMS's Rosetta units table). A unit is read by its numeric code first, then by
 * its name; UCUM sent as UCUM is taken as sent.
 */
public final class MdcUnits {
  private static final MdcUnits TABLE = load();

  private final Map<Integer, String> byCode;
  private final Map<String, String> byName;
  private final Map<String, Integer> codeOfName;
  private final Set<String> ucum;

  private MdcUnits(Map<Integer, String> byCode, Map<String, String> byName, Map<String, Integer> codeOfName) {
    this.byCode = Map.copyOf(byCode);
    this.byName = Map.copyOf(byName);
    this.codeOfName = Map.copyOf(codeOfName);
    this.ucum = Set.copyOf(new HashSet<>(byCode.values()));
  }

  public static MdcUnits table() {
    return TABLE;
  }

  /** The UCUM for an MDC dimension code such as 266016, if the table has one. */
  public Optional<String> ucum(int code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** The UCUM for an MDC dimension name such as {@code MDC_DIM_MMHG}, if the table has one. */
  public Optional<String> ucum(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The numeric code the table gives a dimension name, to check a message's code against its name. */
  public Optional<Integer> code(String name) {
    return Optional.ofNullable(codeOfName.get(name));
  }

  /** An MDC dimension: its reference id and numeric code. */
  public record Dimension(String name, int code) {}

  /**
   * The MDC dimension of a UCUM unit, when the table names exactly one (mm[Hg]); empty when it names
   * none or several (/min is beats, breaths and more): then only the code of the value could tell.
   */
  public Optional<Dimension> dimension(String ucumUnit) {
    Dimension found = null;
    for (Map.Entry<String, String> e : byName.entrySet()) {
      if (e.getValue().equals(ucumUnit)) {
        Dimension d = new Dimension(e.getKey(), codeOfName.get(e.getKey()));
        if (found != null && found.code() != d.code()) {
          return Optional.empty();
        }
        found = d;
      }
    }
    return Optional.ofNullable(found);
  }

  /** True for a unit the table maps to, i.e. one the gateway knows as UCUM without a coding system. */
  public boolean knownUcum(String unit) {
    return ucum.contains(unit);
  }

  private static MdcUnits load() {
    Map<Integer, String> byCode = new HashMap<>();
    Map<String, String> byName = new HashMap<>();
    Map<String, Integer> codeOfName = new HashMap<>();
    for (String[] f : PinnedTable.rows("mdc-dimensions.tsv")) {
      int code = Integer.parseInt(f[1].trim());
      String unit = f[2].trim();
      codeOfName.put(f[0].trim(), code);
      // "{unknown}" and empty entries are no unit at all: such a value has no UCUM unit.
      if (!unit.isEmpty() && !unit.startsWith("{")) {
        byCode.putIfAbsent(code, unit);
        byName.put(f[0].trim(), unit);
      }
    }
    return new MdcUnits(byCode, byName, codeOfName);
  }
}
