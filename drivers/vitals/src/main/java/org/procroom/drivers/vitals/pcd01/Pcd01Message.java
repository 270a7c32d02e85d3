package org.procroom.drivers.vitals.pcd01;

import java.time.Instant;
import java.util.List;
import org.procroom.drivers.vitals.ObservationSet.PatientId;

/**
 * What an ORU^R01 says, field by field, before any meaning is given to it: the codec's output.
 *
 * @param controlId          MSH-10
 * @param processingId       MSH-11.1 ({@code P} production, {@code T} training, {@code D} debugging); P when empty
 * @param sendingApplication MSH-3 as sent (namespace^EUI-64^EUI-64 for most monitors)
 * @param sendingFacility    MSH-4 as sent
 * @param profile            MSH-21.1, e.g. {@code IHE_PCD_001}
 * @param messageTime        MSH-7
 * @param setTime            the first OBR-7
 * @param patientIds         PID-3, every repetition; empty when there is no PID or PID-3 is empty
 * @param hasPatient         a PID segment is present
 * @param location           PV1-3 as sent
 * @param segments           every OBX, in message order
 * @param problems           fields that could not be read (a timestamp that is not one); the message is still taken
 */
public record Pcd01Message(String controlId, String processingId, String sendingApplication, String sendingFacility,
    String profile, Instant messageTime, Instant setTime, List<PatientId> patientIds, boolean hasPatient,
    String location, List<Obx> segments, List<String> problems) {
  public Pcd01Message {
    patientIds = List.copyOf(patientIds);
    segments = List.copyOf(segments);
    problems = List.copyOf(problems);
  }

  /** A coded element: identifier (.1), text (.2), coding system (.3), and the alternate triplet (.4-.6). */
  public record Coded(String identifier, String text, String system, String altIdentifier, String altText,
      String altSystem) {
    public static final Coded EMPTY = new Coded("", "", "", "", "", "");

    public boolean isEmpty() {
      return identifier.isEmpty() && text.isEmpty();
    }
  }

  /**
   * One OBX as sent.
   *
   * @param setId        OBX-1
   * @param valueType    OBX-2 (empty for hierarchy rows)
   * @param id           OBX-3
   * @param containment  OBX-4
   * @param values       OBX-5, each repetition as encoded text
   * @param unit         OBX-6
   * @param range        OBX-7
   * @param flags        OBX-8 repetitions
   * @param resultStatus OBX-11
   * @param observedAt   OBX-14, null when absent or unreadable
   * @param methods      OBX-17 repetitions as encoded text
   * @param equipment    OBX-18.1 of the first repetition
   * @param site         OBX-20 as encoded text
   * @param groupStart   OBR-7 of the OBR group the row is in (a waveform's start), null when absent
   * @param groupEnd     OBR-8 of that group, null when absent
   */
  public record Obx(String setId, String valueType, Coded id, String containment, List<String> values, Coded unit,
      String range, List<String> flags, String resultStatus, Instant observedAt, List<String> methods,
      String equipment, String site, Instant groupStart, Instant groupEnd) {
    public Obx {
      values = List.copyOf(values);
      flags = List.copyOf(flags);
      methods = List.copyOf(methods);
    }

    /** OBX-5 joined, empty when there is no value. */
    public String value() {
      return values.isEmpty() ? "" : values.get(0);
    }
  }
}
