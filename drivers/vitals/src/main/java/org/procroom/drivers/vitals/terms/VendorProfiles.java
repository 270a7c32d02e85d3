package org.procroom.drivers.vitals.terms;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;

/**
 * What a vendor's monitors mean by their numbers: values that stand for "no value" (sentinels),
 * abnormal flags that mark a monitor in demo mode, and an optional mapping of the vendor's own
 * codes to MDC terms. A message is matched to a profile by its vendor coding system (OBX-3.3,
 * e.g. {@code 99MNDRY}) or by the vendor's name in MSH-3 or MSH-4; otherwise the generic profile applies.
 * Defaults (docs/pcd01.md): -999 and -9999 for every vendor; Mindray and Comen also -99.9 and -100,
 * the markers seen in their published messages. Waveform samples: Mindray 32767, the value of every
 * sample of the pleth array in its published field capture beside an ECG with a signal (inferred:
 * no public Mindray document says so). {@code profiles.<vendor>.sentinels} and {@code waveSentinels}
 * replace a list, {@code profiles.<vendor>.vendorCodes} maps codes.
 */
public final class VendorProfiles {
  /** One vendor's rules. */
  public record Profile(String name, Set<Double> sentinels, Set<Double> waveSentinels, Set<String> demoFlags,
      Map<String, String> vendorCodes) {
    public boolean sentinel(double value) {
      return sentinels.contains(value);
    }

    /** A waveform sample that stands for "no signal", not a measurement. */
    public boolean waveSentinel(double sample) {
      return waveSentinels.contains(sample);
    }
  }

  /** OBX-8 values that mark a monitor in demo mode, as published messages show it. */
  private static final Set<String> DEMO_FLAGS = Set.of("DEMO");
  private static final Map<String, List<String>> MATCH = Map.of(
      "mindray", List.of("99MNDRY", "MINDRAY"),
      "comen", List.of("99COMEN", "COMEN"),
      "philips", List.of("PHILIPS", "MDIL"),
      "ge", List.of("GE", "CARESCAPE", "DATEX"),
      "draeger", List.of("DRAEGER", "DRAGER", "INFINITY"));

  private final Map<String, Profile> profiles;

  private VendorProfiles(Map<String, Profile> profiles) {
    this.profiles = Map.copyOf(profiles);
  }

  public static VendorProfiles defaults() {
    return new VendorProfiles(builtIn());
  }

  private static Map<String, Profile> builtIn() {
    Map<String, Profile> p = new LinkedHashMap<>();
    Set<Double> common = Set.of(-999.0, -9999.0);
    Set<Double> withDecimals = Set.of(-999.0, -9999.0, -99.9, -100.0);
    Set<Double> none = Set.of();
    p.put("generic", new Profile("generic", common, none, DEMO_FLAGS, Map.of()));
    p.put("mindray", new Profile("mindray", withDecimals, Set.of(32767.0), DEMO_FLAGS, Map.of()));
    p.put("comen", new Profile("comen", withDecimals, none, DEMO_FLAGS, Map.of()));
    p.put("philips", new Profile("philips", common, none, DEMO_FLAGS, Map.of()));
    p.put("ge", new Profile("ge", common, none, DEMO_FLAGS, Map.of()));
    p.put("draeger", new Profile("draeger", common, none, DEMO_FLAGS, Map.of()));
    return p;
  }

  /** The built-in profiles with a driver's {@code profiles} section laid over them. */
  public static VendorProfiles from(DriverSettings section) {
    Map<String, Profile> p = new HashMap<>(builtIn());
    section.raw().fieldNames().forEachRemaining(name -> {
      DriverSettings s = section.section(name);
      Profile base = p.getOrDefault(name, p.get("generic"));
      Set<Double> sentinels = numbers(s, "sentinels", base.sentinels());
      Set<Double> waveSentinels = numbers(s, "waveSentinels", base.waveSentinels());
      Map<String, String> codes = new HashMap<>(base.vendorCodes());
      DriverSettings vc = s.section("vendorCodes");
      vc.raw().fieldNames().forEachRemaining(code -> {
        String term = vc.string(code);
        if (MdcTerms.table().byName(term).isEmpty()) {
          throw new ConfigException(vc.key(code), "'" + term + "' is not an MDC term the gateway knows");
        }
        codes.put(code, term);
      });
      p.put(name, new Profile(name, sentinels, waveSentinels, base.demoFlags(), Map.copyOf(codes)));
    });
    return new VendorProfiles(p);
  }

  private static Set<Double> numbers(DriverSettings s, String key, Set<Double> otherwise) {
    if (!s.has(key) && !s.raw().has(key)) {
      return otherwise;
    }
    java.util.Set<Double> list = new java.util.HashSet<>();
    for (String v : s.list(key, List.of())) {
      try {
        list.add(Double.parseDouble(v));
      } catch (NumberFormatException e) {
        throw new ConfigException(s.key(key), "expected numbers, found '" + v + "'");
      }
    }
    return Set.copyOf(list);
  }

  /** The profile for a message from this sending application using these vendor coding systems. */
  public Profile match(String sendingApplication, Set<String> codingSystems) {
    // Whole words of MSH-3 only: "GE" must not match "GATEWAY_GENERIC".
    Set<String> words = new java.util.HashSet<>(java.util.Arrays.asList(
        (sendingApplication == null ? "" : sendingApplication.toUpperCase(Locale.ROOT)).split("[^A-Z0-9]+")));
    for (Map.Entry<String, List<String>> m : MATCH.entrySet()) {
      for (String key : m.getValue()) {
        if (codingSystems.contains(key) || words.contains(key)) {
          return profiles.get(m.getKey());
        }
      }
    }
    return profiles.get("generic");
  }
}
