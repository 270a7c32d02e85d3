package org.procroom.drivers.vitals.terms;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MDC measurement terms a procedure room sees, with their usual UCUM unit and the bounds outside
 * which a number cannot be a real patient value (physics and physiology, not alarm limits), from
 * the pinned {@code units/mdc-terms.tsv}; and the device hierarchy terms (MDC_DEV_*).
 */
public final class MdcTerms {
  /** One term: its reference id, numeric code, usual unit and plausibility bounds (null for device terms). */
  public record Term(String name, int code, String unit, Double low, Double high) {
    public boolean device() {
      return name.startsWith("MDC_DEV_");
    }
  }

  private static final MdcTerms TABLE = load();

  private final Map<Integer, Term> byCode;
  private final Map<String, Term> byName;

  private MdcTerms(Map<Integer, Term> byCode, Map<String, Term> byName) {
    this.byCode = Map.copyOf(byCode);
    this.byName = Map.copyOf(byName);
  }

  public static MdcTerms table() {
    return TABLE;
  }

  public Optional<Term> byCode(int code) {
    return Optional.ofNullable(byCode.get(code));
  }

  public Optional<Term> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Why {@code value} in {@code unit} cannot be a patient value of this term, or null when it can
   * (or when the term has no bounds in that unit).
   */
  public String implausible(int code, double value, String unit) {
    Term t = byCode.get(code);
    if (t == null || t.low() == null || unit == null) {
      return null;
    }
    double v = value;
    if (t.unit().equals("Cel") && unit.equals("[degF]")) {
      v = (value - 32) * 5 / 9;
    } else if (t.unit().equals("mm[Hg]") && unit.equals("kPa")) {
      v = value * 7.50062;
    } else if (!t.unit().equals(unit)) {
      return null;
    }
    if (v < t.low() || v > t.high()) {
      return value + " " + unit + " is outside what " + t.name() + " can be (" + fmt(t.low()) + " to " + fmt(t.high())
          + " " + t.unit() + ")";
    }
    return null;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static MdcTerms load() {
    Map<Integer, Term> byCode = new HashMap<>();
    Map<String, Term> byName = new HashMap<>();
    for (String[] f : PinnedTable.rows("mdc-terms.tsv")) {
      Term t = new Term(f[0].trim(), Integer.parseInt(f[1].trim()), f[2].trim(), number(f[3]), number(f[4]));
      byCode.putIfAbsent(t.code(), t);
      byName.put(t.name(), t);
    }
    return new MdcTerms(byCode, byName);
  }

  private static Double number(String s) {
    return s == null || s.isBlank() ? null : Double.valueOf(s.trim());
  }
}
