package org.procroom.drivers.vitals.s5;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The S/5 waveform subrecord types the gateway reads, with their sample rates and the value of
 * one raw step, from GE's Datex-Ohmeda Record Specification (doc. 8005313, 12th ed., §5.2 and
 * Table 5-3 "Sampling rates per waveform subrecord"). ECG and invasive pressure channels carry
 * whatever lead or site the monitor is set to, so they get no MDC term of their own.
 */
public final class S5WaveTypes {
  /** The monitor's limit for all requested waveforms together (Computer Interface Specification, ch. 4). */
  public static final int MAX_SAMPLES_PER_SECOND = 600;
  public static final int MAX_WAVEFORMS = 8;

  /** One waveform type: its DRI number and name, MDC term where one fits, UCUM unit, rate and raw step. */
  public record Type(int id, String name, String code, Integer mdc, String unit, int perSecond, double scale) {}

  private static final Map<Integer, Type> BY_ID = new LinkedHashMap<>();

  static {
    for (int i = 1; i <= 3; i++) {
      add(new Type(i, "ECG" + i, null, null, "mV", 300, 0.001)); // 1 uV
    }
    for (int i = 1; i <= 4; i++) {
      add(new Type(3 + i, "INVP" + i, null, null, "mm[Hg]", 100, 0.01));
    }
    add(new Type(8, "PLETH", "MDC_PULS_OXIM_PLETH", 150452, "%", 100, 0.01));
    add(new Type(9, "CO2", "MDC_AWAY_CO2", 151724, "%", 25, 0.01));
    add(new Type(10, "O2", null, null, "%", 25, 0.01));
    add(new Type(11, "N2O", null, null, "%", 25, 0.01));
    add(new Type(12, "AA", null, null, "%", 25, 0.01));
    add(new Type(13, "AWP", null, null, "cm[H2O]", 25, 0.1));
    add(new Type(14, "FLOW", null, null, "L/min", 25, 0.1));
    add(new Type(15, "RESP", "MDC_RESP", 151552, "Ohm", 25, 0.01)); // ECG impedance
    add(new Type(16, "INVP5", null, null, "mm[Hg]", 100, 0.01));
    add(new Type(17, "INVP6", null, null, "mm[Hg]", 100, 0.01));
    for (int i = 1; i <= 4; i++) {
      add(new Type(17 + i, "EEG" + i, null, null, "uV", 100, 0.1));
    }
    add(new Type(23, "VOL", null, null, "mL", 25, 1));
    add(new Type(24, "TONO_PRESS", null, null, "mbar", 25, 0.1));
    add(new Type(32, "ENT_100", null, null, "uV", 100, 0.1));
    add(new Type(35, "EEG_BIS", null, null, "uV", 300, 1));
  }

  private S5WaveTypes() {}

  private static void add(Type t) {
    BY_ID.put(t.id(), t);
  }

  public static Optional<Type> byId(int id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  public static Optional<Type> byName(String name) {
    String wanted = name.trim().toUpperCase(Locale.ROOT);
    return BY_ID.values().stream().filter(t -> t.name().equals(wanted)).findFirst();
  }

  public static java.util.Collection<Type> all() {
    return BY_ID.values();
  }
}
