package org.procroom.drivers.vitals;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param waves            waveform samples (PCD-01 NA/MA OBX), kept for the waveform store
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

  /** Waveform samples as sent: the samples are kept unscaled, in the order sent. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Wave(String code, Integer mdc, String channel, String unit, List<Double> samples, String status) {
    public Wave {
      samples = samples == null ? List.of() : List.copyOf(samples);
    }
  }

  /** Non-numeric content (a setting, a rhythm label), kept as sent. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Detail(String code, Integer mdc, String codingSystem, String channel, String valueType, String value) {}

  /** One level of the device hierarchy: MDS ({@code 1.0.0.0}), VMD ({@code 1.1.0.0}) or channel ({@code 1.1.1.0}). */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record DeviceNode(String containment, String level, String code, Integer mdc, String equipmentId) {}
}
