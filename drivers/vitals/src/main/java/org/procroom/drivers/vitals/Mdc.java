package org.procroom.drivers.vitals;

/**
 * ISO/IEEE 11073-10101 (MDC) terms the gateway reports, with their numeric codes (partition 2,
 * SCADA: 2 x 65536 + term code) and UCUM units.
 */
public enum Mdc {
  MDC_ECG_HEART_RATE(147842, "/min"),
  MDC_PULS_OXIM_SAT_O2(150456, "%"),
  MDC_PULS_OXIM_PULS_RATE(149530, "/min"),
  MDC_PULS_OXIM_PERF_REL(150448, "%"),
  MDC_PRESS_CUFF_SYS(150301, "mm[Hg]"),
  MDC_PRESS_CUFF_DIA(150302, "mm[Hg]"),
  MDC_PRESS_CUFF_MEAN(150303, "mm[Hg]"),
  MDC_PRESS_BLD_ART_ABP_SYS(150037, "mm[Hg]"),
  MDC_PRESS_BLD_ART_ABP_DIA(150038, "mm[Hg]"),
  MDC_PRESS_BLD_ART_ABP_MEAN(150039, "mm[Hg]"),
  MDC_TEMP_BODY(150364, "Cel"),
  MDC_AWAY_CO2_ET(151708, "%"),
  MDC_RESP_RATE(151562, "/min");

  private final int code;
  private final String unit;

  Mdc(int code, String unit) {
    this.code = code;
    this.unit = unit;
  }

  /** The term with this numeric code, if the gateway knows it. */
  public static java.util.Optional<Mdc> byCode(int code) {
    for (Mdc m : values()) {
      if (m.code == code) {
        return java.util.Optional.of(m);
      }
    }
    return java.util.Optional.empty();
  }

  public int code() {
    return code;
  }

  /** UCUM unit of the value as reported. */
  public String unit() {
    return unit;
  }

  public Observation value(double value) {
    return new Observation(name(), code, value, unit, null, null, null);
  }

  /** An observation the device reports without a usable value, and why (e.g. {@code invalid}, {@code not-updated}). */
  public Observation noValue(String status) {
    return new Observation(name(), code, null, unit, status, null, null);
  }
}
