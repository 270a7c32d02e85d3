package org.procroom.drivers.vitals;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one message from a monitor says: the observations at one device time, and for PCD-01 also
 * what else it carried (alarms, waveforms, device settings, the sender and the patient it names).
 *
 * @param protocol         {@code s5}, {@code masimo} or {@code pcd01}
 * @param deviceTime       the monitor's clock, converted to UTC
 * @param controlId        HL7 message control id (PCD-01 only)
 * @param observations     the measurements
 * @param technicalAlerts  device conditions such as {@code sensor off patient}
 * @param mode             {@code live} for patient data; {@code training}, {@code debug} or {@code demo} otherwise:
 *                         such data is kept and shown but never enters a record or a chart
 * @param sender           who sent it (PCD-01 MSH-3, MSH-4, the device identity), null for a serial monitor
 * @param patient          the patient the message names (PCD-01 PID), null when it names none
 * @param alarms           alarm content (PCD-01 alarm OBX)
 * @param waves            waveforms (PCD-01 NA/MA OBX), their samples for the wave store
 * @param details          device settings and other non-numeric content, as sent
 * @param devices          the device hierarchy (MDS, VMD, channel) the observations hang from
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ObservationSet(String protocol, Instant deviceTime, String controlId, List<Observation> observations,
    List<String> technicalAlerts, String mode, Sender sender, Patient patient, List<Alarm> alarms, List<Wave> waves,
    List<Detail> details, List<DeviceNode> devices) {
  public static final String LIVE = "live";

  public ObservationSet {
    observations = List.copyOf(observations);
    technicalAlerts = List.copyOf(technicalAlerts);
    mode = mode == null ? LIVE : mode;
    alarms = alarms == null ? List.of() : List.copyOf(alarms);
    waves = waves == null ? List.of() : List.copyOf(waves);
    details = details == null ? List.of() : List.copyOf(details);
    devices = devices == null ? List.of() : List.copyOf(devices);
  }

  /** A serial monitor's set: live observations and technical alerts only. */
  public ObservationSet(String protocol, Instant deviceTime, String controlId, List<Observation> observations,
      List<String> technicalAlerts) {
    this(protocol, deviceTime, controlId, observations, technicalAlerts, LIVE, null, null, null, null, null, null);
  }

  public boolean live() {
    return LIVE.equals(mode);
  }

  /** The sending system and device: MSH-3 and MSH-4 as sent, the device identity (EUI-64) where given. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Sender(String application, String facility, String equipmentId, String profile, String location) {}

  /** The patient a message names: its identifiers, each with its assigning authority. */
  public record Patient(List<PatientId> identifiers) {
    public Patient {
      identifiers = List.copyOf(identifiers);
    }
  }

  /** One PID-3 identifier: id, assigning authority (namespace or universal id), identifier type. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record PatientId(String id, String authority, String type) {}

  /**
   * An alarm the device reports: what, where, its text and flags; {@code kind} is
   * {@code physiological} or {@code technical} where the device says which.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Alarm(String code, Integer mdc, String codingSystem, String channel, String text, String priority,
      String state, Instant observedAt, String kind) {}

  /**
   * A waveform as sent (PCD-01 NA/MA): its samples in the order sent, null where one is missing
   * (sent empty, unreadable or the vendor's no-signal marker, said in {@code missing}), and what
   * scales and places them. The samples go to the wave store; the event keeps this summary.
   *
   * @param samplePeriod from MDC_ATTR_SAMP_RATE or MDC_ATTR_TIME_PD_SAMP, null when the monitor sent neither
   * @param resolution   MDC_ATTR_NU_MSMT_RES: the value of one raw step in {@code unit}, null when not sent
   * @param start        the first sample's time (OBX-14, else its group's OBR-7), null when neither
   * @param status       why the samples cannot be stored, null when they can
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Wave(String code, Integer mdc, String channel, String unit, @JsonIgnore List<Double> samples,
      @JsonIgnore Duration samplePeriod, Double resolution, Instant start, String missing, String status) {
    public Wave {
      samples = samples == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(samples));
    }

    @JsonProperty("count")
    public int count() {
      return samples.size();
    }

    @JsonProperty("periodMicros")
    public Long periodMicros() {
      return samplePeriod == null ? null : samplePeriod.toNanos() / 1000;
    }
  }

  /** Non-numeric content (a setting, a rhythm label), kept as sent. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Detail(String code, Integer mdc, String codingSystem, String channel, String valueType, String value) {}

  /** One level of the device hierarchy: MDS ({@code 1.0.0.0}), VMD ({@code 1.1.0.0}) or channel ({@code 1.1.1.0}). */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record DeviceNode(String containment, String level, String code, Integer mdc, String equipmentId) {}
}
