package org.procroom.drivers.vitals;

import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.Severity;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.EventDraft;

/**
 * Maps observation sets to {@code vitals.observation} events, with the room's alarm limits and
 * the monitor's clock checked: findings give the payload a severity, so warnings reach the
 * alerts topic. Shared by every vitals driver.
 */
public final class VitalsEvents {
  public static final String OBSERVATION = EventTypes.VITALS_OBSERVATION;
  public static final String REJECTED = EventTypes.VITALS_REJECTED;
  public static final String ALARM = EventTypes.VITALS_ALARM;
  public static final String QUARANTINED = EventTypes.VITALS_QUARANTINED;

  /** A configured alarm band for one MDC term, in its unit. */
  public record Limit(Double low, Double high) {}

  public record Finding(String code, Severity severity, String message) {}

  /**
   * Payload of {@code vitals.observation} (and of {@code vitals.quarantined}, the same for another
   * patient): the first seven fields for every monitor, the rest where the protocol carries them;
   * {@code limits} the room's alarm bands for the terms the set holds, as they were applied (for the
   * record's chart).
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Payload(String protocol, String controlId, List<Observation> observations,
      List<String> technicalAlerts, Long clockSkewMillis, Severity severity, List<Finding> findings,
      @JsonInclude(JsonInclude.Include.NON_NULL) String mode,
      @JsonInclude(JsonInclude.Include.NON_NULL) ObservationSet.Sender sender,
      @JsonInclude(JsonInclude.Include.NON_NULL) ObservationSet.Patient patient,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ObservationSet.Wave> waves,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ObservationSet.Detail> details,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ObservationSet.DeviceNode> devices,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Limit> limits) {}

  /** Payload of {@code vitals.alarm}: the alarms one message carried. */
  public record AlarmPayload(String protocol, String controlId, String mode, List<ObservationSet.Alarm> alarms,
      Severity severity) {}

  /**
   * Payload of {@code vitals.rejected}: a frame, line or message the driver could not take, or a
   * sender it refused; {@code peer} is the sender's address on a network listener, {@code severity}
   * {@code warning} for a refused sender (it reaches the alerts topic).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rejected(String protocol, String reason, String peer, Severity severity) {}

  private final Map<String, Limit> limits;
  private final Duration maxClockSkew;

  public VitalsEvents(Map<String, Limit> limits, Duration maxClockSkew) {
    this.limits = Map.copyOf(limits);
    this.maxClockSkew = maxClockSkew;
  }

  /** Reads {@code limits} ({@code MDC_...: {low, high}}) and {@code maxClockSkew} from a driver section. */
  public static VitalsEvents from(DriverSettings s) {
    // Read now, not at the first message: reading a resource needs a descriptor, which a socket flood may have taken.
    org.procroom.drivers.vitals.terms.MdcTerms.table();
    org.procroom.drivers.vitals.terms.MdcUnits.table();
    Map<String, Limit> limits = new java.util.HashMap<>();
    DriverSettings section = s.section("limits");
    section.raw().fieldNames().forEachRemaining(code -> {
      try {
        Mdc.valueOf(code);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(section.key(code), "not an MDC term the gateway reports");
      }
      DriverSettings band = section.section(code);
      limits.put(code, new Limit(number(band, "low"), number(band, "high")));
    });
    return new VitalsEvents(limits, s.duration("maxClockSkew", Duration.ofSeconds(30)));
  }

  private static Double number(DriverSettings band, String name) {
    if (!band.has(name)) {
      return null;
    }
    try {
      return Double.parseDouble(band.string(name));
    } catch (NumberFormatException e) {
      throw new ConfigException(band.key(name), "expected a number, found '" + band.string(name) + "'");
    }
  }

  public EventDraft observation(ObservationSet set, Instant receivedAt) {
    return observation(set, receivedAt, null);
  }

  /**
   * The set as an event. {@code wrongPatient} (a reason) makes it {@code vitals.quarantined}: kept
   * and alerted, outside the record; a set that is not live (training, debug, demo) is kept outside
   * the record too.
   */
  public EventDraft observation(ObservationSet set, Instant receivedAt, String wrongPatient) {
    List<Finding> findings = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    for (Observation o : set.observations()) {
      String implausible = o.value() == null || o.mdc() == null ? null
          : org.procroom.drivers.vitals.terms.MdcTerms.table().implausible(o.mdc(), o.value(), o.unit());
      if (implausible != null) {
        findings.add(new Finding("IMPLAUSIBLE", Severity.INFO, implausible + ": not a patient value"));
        o = o.withoutValue("implausible");
      } else if ("implausible".equals(o.status()) || "sentinel".equals(o.status())) {
        findings.add(new Finding(o.status().toUpperCase(Locale.ROOT), Severity.INFO, o.code() + " " + o.valueReceived()
            + (o.unit() == null ? "" : " " + o.unit()) + (o.status().equals("sentinel")
            ? " is the device's marker for no value" : " is outside what it can be") + ": not a patient value"));
      }
      if (o.unit() == null && o.unitReceived() != null) {
        findings.add(new Finding("UNKNOWN_UNIT", Severity.INFO, o.code() + ": unit '" + o.unitReceived()
            + "' is not known as UCUM: kept as received"));
      }
      observations.add(o);
    }
    if (!set.live()) {
      findings.add(new Finding("NOT_PATIENT_DATA", Severity.INFO, "the monitor sends " + set.mode()
          + " data: kept and published, not entered in the record"));
    }
    if (wrongPatient != null) {
      findings.add(new Finding("WRONG_PATIENT", Severity.CRITICAL, wrongPatient));
    }
    for (Observation o : observations) {
      Limit limit = limits.get(o.code());
      if (limit == null || o.value() == null || !set.live()) {
        continue;
      }
      if (limit.low() != null && o.value() < limit.low()) {
        findings.add(new Finding("BELOW_LIMIT", Severity.WARNING, o.code() + " " + o.value() + " " + o.unit()
            + " is below the limit " + limit.low()));
      } else if (limit.high() != null && o.value() > limit.high()) {
        findings.add(new Finding("ABOVE_LIMIT", Severity.WARNING, o.code() + " " + o.value() + " " + o.unit()
            + " is above the limit " + limit.high()));
      }
    }
    for (String alert : set.technicalAlerts()) {
      findings.add(new Finding("TECHNICAL", Severity.INFO, alert));
    }
    Long skew = null;
    if (set.deviceTime() != null) {
      skew = Duration.between(receivedAt, set.deviceTime()).toMillis();
      if (Math.abs(skew) > maxClockSkew.toMillis()) {
        findings.add(new Finding("CLOCK_SKEW", Severity.WARNING, String.format(Locale.ROOT,
            "monitor clock is %.1f s %s the gateway (bound %d s): chart times come from the gateway",
            Math.abs(skew) / 1000.0, skew > 0 ? "ahead of" : "behind", maxClockSkew.toSeconds())));
      }
    }
    findings.sort(Comparator.comparing(Finding::severity).reversed());
    Severity severity = findings.isEmpty() ? Severity.OK : findings.get(0).severity();
    boolean pcd01Context = set.sender() != null;
    Map<String, Limit> applied = new java.util.TreeMap<>();
    observations.forEach(o -> {
      if (limits.containsKey(o.code())) {
        applied.put(o.code(), limits.get(o.code()));
      }
    });
    Payload payload = new Payload(set.protocol(), set.controlId(), observations, set.technicalAlerts(), skew, severity,
        findings, pcd01Context || !set.live() ? set.mode() : null, set.sender(), set.patient(), set.waves(),
        set.details(), set.devices(), applied);
    return new EventDraft(wrongPatient != null ? QUARANTINED : OBSERVATION, set.deviceTime(), receivedAt, payload,
        wrongPatient != null || !set.live());
  }

  /**
   * That the device's alarms ended: a {@code vitals.alarm} with an empty list, severity info (for a
   * device that reports its whole alarm list, as an IntelliVue does).
   */
  public EventDraft alarmsEnded(ObservationSet set, Instant receivedAt, boolean outsideRecord) {
    return new EventDraft(ALARM, set.deviceTime(), receivedAt, new AlarmPayload(set.protocol(), set.controlId(),
        set.mode(), List.of(), Severity.INFO), outsideRecord || !set.live());
  }

  /** The set's alarms as one {@code vitals.alarm} event (reaching the alerts topic), or null when it has none. */
  public EventDraft alarms(ObservationSet set, Instant receivedAt, boolean outsideRecord) {
    if (set.alarms().isEmpty()) {
      return null;
    }
    return new EventDraft(ALARM, set.deviceTime(), receivedAt, new AlarmPayload(set.protocol(), set.controlId(),
        set.mode(), set.alarms(), set.live() ? Severity.WARNING : Severity.INFO), outsideRecord || !set.live());
  }

  public EventDraft rejected(String protocol, String reason, Instant receivedAt) {
    return new EventDraft(REJECTED, null, receivedAt, new Rejected(protocol, reason, null, null));
  }

  /** Something from {@code peer} not taken; {@code refusedSender}: the sender itself is not allowed (an alert). */
  public EventDraft rejected(String protocol, String reason, String peer, boolean refusedSender, Instant receivedAt) {
    // A refused sender is about the room's network, not the patient: kept out of the record.
    return new EventDraft(REJECTED, null, receivedAt, new Rejected(protocol, reason, peer,
        refusedSender ? Severity.WARNING : null), refusedSender);
  }

}
