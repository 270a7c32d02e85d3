package org.procroom.drivers.vitals.pcd01;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.procroom.drivers.vitals.Mdc;
import org.procroom.drivers.vitals.Observation;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.drivers.vitals.ObservationSet.Alarm;
import org.procroom.drivers.vitals.ObservationSet.Detail;
import org.procroom.drivers.vitals.ObservationSet.DeviceNode;
import org.procroom.drivers.vitals.terms.MdcTerms;
import org.procroom.drivers.vitals.terms.MdcUnits;
import org.procroom.drivers.vitals.terms.VendorProfiles;

/**
 * Gives a {@link Pcd01Message} its meaning as IHE PCD TF-2 defines it (docs/pcd01.md): hierarchy
 * rows (MDS, VMD, channel) become the device tree, numeric rows observations whose value is kept
 * only when it is a patient value, alarm rows alarms, NA/MA rows waveforms, anything else a detail
 * kept as sent. MSH-11 T or D and demo flags make the whole set not live.
 */
public final class Pcd01Reading {
  /** OBX-11 statuses whose value stands (HL7 table 0085); C and A correct an earlier result. */
  private static final Set<String> VALUE_STANDS = Set.of("F", "R", "P", "S", "U", "C", "A", "");
  private static final int DEVICE_PARTITION = 1;
  private static final int EVENT_PARTITION = 3;

  private final VendorProfiles profiles;
  private final MdcUnits units = MdcUnits.table();
  private final MdcTerms terms = MdcTerms.table();
  private final Pcd01WaveReading waveReading = new Pcd01WaveReading(this::ucum);

  public Pcd01Reading(VendorProfiles profiles) {
    this.profiles = profiles;
  }

  public ObservationSet read(Pcd01Message m) {
    Set<String> vendorSystems = new HashSet<>();
    for (Pcd01Message.Obx o : m.segments()) {
      if (!o.id().system().isEmpty() && !o.id().system().equals("MDC")) {
        vendorSystems.add(o.id().system().toUpperCase(Locale.ROOT));
      }
    }
    VendorProfiles.Profile profile = profiles.match(m.sendingApplication() + " " + m.sendingFacility(), vendorSystems);
    List<Observation> observations = new ArrayList<>();
    List<Alarm> alarms = new ArrayList<>();
    List<ObservationSet.Wave> waves = new ArrayList<>();
    List<Detail> details = new ArrayList<>();
    List<DeviceNode> devices = new ArrayList<>();
    boolean demo = false;
    String equipment = null;
    Set<String> waveRows = new HashSet<>();
    m.segments().stream().filter(o -> wave(o) && !o.containment().isEmpty()).forEach(o -> waveRows.add(o.containment()));
    for (Pcd01Message.Obx o : m.segments()) {
      Integer mdc = mdcCode(o.id());
      if (equipment == null && !o.equipment().isEmpty()) {
        equipment = o.equipment();
      }
      for (String flag : o.flags()) {
        demo |= profile.demoFlags().contains(flag.toUpperCase(Locale.ROOT));
      }
      if (hierarchy(o, mdc)) {
        devices.add(new DeviceNode(o.containment(), level(o.containment()), name(o.id(), mdc), mdc,
            blank(o.equipment())));
      } else if (alarm(o, mdc)) {
        alarms.add(new Alarm(name(o.id(), mdc), mdc, system(o.id(), mdc), blank(o.containment()),
            o.value().isEmpty() ? o.id().text() : o.value(), null, blank(o.resultStatus()), o.observedAt(), null));
      } else if (wave(o)) {
        waves.add(waveReading.read(o, name(o.id(), mdc), mdc, m.segments(), profile));
      } else if (Pcd01WaveReading.attributeOf(waveRows, o)) {
        continue; // read with its wave
      } else if (o.valueType().equals("NM") || (o.valueType().isEmpty() && numeric(o.value()))) {
        observations.add(observation(o, mdc, profile));
      } else {
        details.add(new Detail(name(o.id(), mdc), mdc, system(o.id(), mdc), blank(o.containment()), o.valueType(),
            o.value()));
      }
    }
    String mode = switch (m.processingId()) {
      case "P" -> demo ? "demo" : ObservationSet.LIVE;
      case "T" -> "training";
      case "D" -> "debug";
      default -> "unknown-processing-" + m.processingId();
    };
    ObservationSet.Sender sender = new ObservationSet.Sender(blank(m.sendingApplication()),
        blank(m.sendingFacility()), equipment != null ? equipment : eui64(m.sendingApplication()), blank(m.profile()),
        blank(m.location()));
    ObservationSet.Patient patient = m.patientIds().isEmpty() ? null : new ObservationSet.Patient(m.patientIds());
    List<String> problems = new ArrayList<>();
    m.problems().forEach(p -> problems.add("unreadable field " + p));
    return new ObservationSet("pcd01", m.setTime() != null ? m.setTime() : m.messageTime(), m.controlId(),
        observations, problems, mode, sender, patient, alarms, waves, details, devices);
  }

  private Observation observation(Pcd01Message.Obx o, Integer mdc, VendorProfiles.Profile profile) {
    String code = name(o.id(), mdc);
    String system = system(o.id(), mdc);
    Integer mapped = mdc;
    if (mdc == null && profile.vendorCodes().containsKey(o.id().identifier())) {
      MdcTerms.Term term = terms.byName(profile.vendorCodes().get(o.id().identifier())).orElseThrow();
      mapped = term.code();
      code = term.name();
      system = "MDC";
    }
    String unit = ucum(o.unit());
    String unitReceived = unit == null && !o.unit().isEmpty() ? encode(o.unit()) : null;
    String status = o.resultStatus();
    String method = null;
    for (String m : o.methods()) {
      method = m.contains("APERIODIC") ? "APERIODIC" : m.contains("PERIODIC") ? "PERIODIC" : m;
    }
    String corrects = Set.of("C", "A", "D", "W").contains(status)
        ? blank(o.containment()) + "/" + o.id().identifier() + (o.observedAt() == null ? "" : "@" + o.observedAt())
        : null;
    Observation base = new Observation(code, mapped, system, blank(o.containment()), null, unit, null,
        o.observedAt(), method, blank(status), corrects, blank(o.value()), unitReceived, blank(o.equipment()),
        blank(o.site()), blank(o.range()), o.flags());
    String why = switch (status) {
      case "D" -> "deleted";
      case "W" -> "withdrawn";
      case "X" -> "cannot-be-obtained";
      case "N" -> "not-done";
      case "I", "O" -> "no-result";
      default -> VALUE_STANDS.contains(status) ? null : "unknown-result-status";
    };
    if (why != null) {
      return base.withoutValue(why);
    }
    if (o.value().isEmpty()) {
      return base.withoutValue("no-value");
    }
    double value;
    try {
      value = Double.parseDouble(o.value());
    } catch (NumberFormatException e) {
      return base.withoutValue("not-numeric");
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return base.withoutValue("not-numeric");
    }
    if (profile.sentinel(value)) {
      return base.withoutValue("sentinel");
    }
    if (mapped != null && terms.implausible(mapped, value, unit) != null) {
      return base.withoutValue("implausible");
    }
    return new Observation(code, mapped, system, blank(o.containment()), value, unit, null, o.observedAt(), method,
        blank(status), corrects, null, unitReceived, blank(o.equipment()), blank(o.site()), blank(o.range()),
        o.flags());
  }

  private static boolean wave(Pcd01Message.Obx o) {
    return o.valueType().equals("NA") || o.valueType().equals("MA");
  }

  private static boolean numeric(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** MDC numeric code of OBX-3 (or its alternate) when coded in MDC, else null. */
  private static Integer mdcCode(Pcd01Message.Coded c) {
    if (c.system().equals("MDC") || (c.system().isEmpty() && c.text().startsWith("MDC_"))) {
      return parse(c.identifier());
    }
    if (c.altSystem().equals("MDC")) {
      return parse(c.altIdentifier());
    }
    return null;
  }

  private static Integer parse(String s) {
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** MDS/VMD/channel rows: no value type and no value, or a device term whose row carries no value. */
  private static boolean hierarchy(Pcd01Message.Obx o, Integer mdc) {
    boolean deviceTerm = (mdc != null && mdc >> 16 == DEVICE_PARTITION) || o.id().text().startsWith("MDC_DEV_");
    return o.value().isEmpty() && (o.valueType().isEmpty() || deviceTerm);
  }

  private static boolean alarm(Pcd01Message.Obx o, Integer mdc) {
    String system = o.id().system().toUpperCase(Locale.ROOT);
    return (mdc != null && mdc >> 16 == EVENT_PARTITION) || o.id().text().startsWith("MDC_EVT_")
        || system.contains("ALERT") || system.contains("ALARM");
  }

  private static String level(String containment) {
    String[] parts = containment.split("\\.");
    int depth = 0;
    for (String p : parts) {
      if (!p.equals("0") && !p.isEmpty()) {
        depth++;
      } else {
        break;
      }
    }
    return switch (depth) {
      case 1 -> "MDS";
      case 2 -> "VMD";
      case 3 -> "CHAN";
      default -> "unknown";
    };
  }

  /** The reference id: our name for a term we report, the table's, the message's text, or the code itself. */
  private String name(Pcd01Message.Coded c, Integer mdc) {
    if (mdc != null) {
      return Mdc.byCode(mdc).map(Enum::name)
          .or(() -> terms.byCode(mdc).map(MdcTerms.Term::name))
          .orElse(c.text().startsWith("MDC_") ? c.text() : !c.altText().isEmpty() && c.altSystem().equals("MDC")
              ? c.altText() : "MDC_" + mdc);
    }
    return c.identifier().isEmpty() ? c.text() : c.identifier();
  }

  private static String system(Pcd01Message.Coded c, Integer mdc) {
    return mdc != null ? "MDC" : blank(c.system());
  }

  /** UCUM for OBX-6: as sent when it is UCUM, from the 11073 table when MDC; null when unknown. */
  private String ucum(Pcd01Message.Coded u) {
    if (u.isEmpty()) {
      return null;
    }
    if (u.system().equalsIgnoreCase("UCUM")) {
      return u.identifier().isEmpty() ? blank(u.text()) : u.identifier();
    }
    if (u.system().equals("MDC") || u.text().startsWith("MDC_DIM_")) {
      Integer code = parse(u.identifier());
      String fromCode = code == null ? null : units.ucum(code).orElse(null);
      if (fromCode != null) {
        return fromCode;
      }
      String fromName = units.ucum(u.text()).orElse(null);
      if (fromName != null) {
        return fromName;
      }
    }
    if (u.altSystem().equalsIgnoreCase("UCUM") && !u.altIdentifier().isEmpty()) {
      return u.altIdentifier();
    }
    if (u.system().isEmpty() && units.knownUcum(u.identifier())) {
      return u.identifier();
    }
    return null;
  }

  private static String encode(Pcd01Message.Coded c) {
    String s = String.join("^", c.identifier(), c.text(), c.system(), c.altIdentifier(), c.altText(), c.altSystem());
    return s.replaceAll("\\^+$", "");
  }

  /** MSH-3 {@code name^EUI-64^EUI-64}: the device identity in its universal id. */
  private static String eui64(String application) {
    String[] parts = application.split("\\^", -1);
    return parts.length >= 3 && parts[2].equalsIgnoreCase("EUI-64") ? parts[1] : null;
  }

  private static String blank(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
