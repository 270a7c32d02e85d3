package org.procroom.drivers.vitals.masimo;

import org.procroom.gateway.api.Decoded;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.procroom.drivers.vitals.Mdc;
import org.procroom.drivers.vitals.Observation;
import org.procroom.drivers.vitals.ObservationSet;

/**
 * Masimo "ASCII 1" serial output (Radical-7, Rad-8, Rad-97, Root): one line a second,
 * {@code MM/dd/yy HH:mm:ss} then KEY=value pairs whose set and order vary by model and firmware.
 * Dashes mean no value; EXC holds exception bits (hex) that become technical alerts.
 */
public final class MasimoAscii {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MM/dd/yy HH:mm:ss");
  private static final Map<String, Mdc> FIELDS = Map.of(
      "SPO2", Mdc.MDC_PULS_OXIM_SAT_O2,
      "BPM", Mdc.MDC_PULS_OXIM_PULS_RATE,
      "PI", Mdc.MDC_PULS_OXIM_PERF_REL);
  private static final Map<Integer, String> EXCEPTIONS = new LinkedHashMap<>();

  static {
    EXCEPTIONS.put(0x001, "no sensor");
    EXCEPTIONS.put(0x002, "defective sensor");
    EXCEPTIONS.put(0x004, "low perfusion");
    EXCEPTIONS.put(0x008, "pulse search");
    EXCEPTIONS.put(0x010, "interference");
    EXCEPTIONS.put(0x020, "sensor off patient");
    EXCEPTIONS.put(0x040, "ambient light");
    EXCEPTIONS.put(0x080, "unrecognized sensor");
    EXCEPTIONS.put(0x400, "low signal IQ");
  }

  /** The observations of one line, or why the line is not one. */
  public record Parsed(ObservationSet set, String error) implements Decoded<ObservationSet> {
    @Override
    public ObservationSet value() {
      return set;
    }

    @Override
    public String invalidReason() {
      return error;
    }
  }

  private MasimoAscii() {}

  /** Parses one line; the monitor's clock is local time in {@code zone}. */
  public static Parsed parse(String line, ZoneId zone) {
    String text = line.strip();
    if (text.length() < 17) {
      return new Parsed(null, "line too short for a MM/dd/yy HH:mm:ss timestamp: '" + text + "'");
    }
    LocalDateTime time;
    try {
      time = LocalDateTime.parse(text.substring(0, 17), STAMP);
    } catch (DateTimeParseException e) {
      return new Parsed(null, "line does not start with a MM/dd/yy HH:mm:ss timestamp: '" + text.substring(0, 17) + "'");
    }
    List<Observation> observations = new ArrayList<>();
    List<String> alerts = new ArrayList<>();
    for (String token : text.substring(17).trim().split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = token.substring(0, eq);
      String value = token.substring(eq + 1).replace("%", "");
      Mdc mdc = FIELDS.get(key);
      if (mdc != null) {
        if (value.isEmpty() || value.chars().allMatch(c -> c == '-' || c == '.' || c == '+')) {
          observations.add(mdc.noValue("unavailable"));
          continue;
        }
        try {
          observations.add(mdc.value(Double.parseDouble(value)));
        } catch (NumberFormatException e) {
          return new Parsed(null, key + ": '" + value + "' is not a number");
        }
      } else if (key.equals("EXC")) {
        int bits;
        try {
          bits = Integer.parseInt(value, 16);
        } catch (NumberFormatException e) {
          return new Parsed(null, "EXC: '" + value + "' is not hexadecimal");
        }
        int known = 0;
        for (Map.Entry<Integer, String> exception : EXCEPTIONS.entrySet()) {
          if ((bits & exception.getKey()) != 0) {
            alerts.add(exception.getValue());
            known |= exception.getKey();
          }
        }
        if ((bits & ~known) != 0) {
          alerts.add(String.format("exception bits 0x%X", bits & ~known));
        }
      }
    }
    return new Parsed(new ObservationSet("masimo", time.atZone(zone).toInstant(), null, observations, alerts), null);
  }
}
