package org.procroom.drivers.vitals.intellivue;

import java.time.LocalDate;
import java.util.Optional;
import org.procroom.gateway.api.ProcedureView;

/**
 * The patient the monitor is admitted to (NOM_MOC_PT_DEMOG): identifier, family and given name,
 * date of birth and the demographic state. Never logged: it exists to be compared with the open
 * procedure's patient.
 *
 * @param state {@code empty}, {@code pre-admitted}, {@code admitted}, {@code discharged} or the code sent
 */
public record MonitorPatient(String id, String family, String given, LocalDate birthDate, String state) {
  static final int CLASS_PATIENT = 0x002A;
  static final int STATE = 0x0957;
  static final int BIRTH_DATE = 0x0958;
  static final int ID = 0x095A;
  static final int FAMILY = 0x095C;
  static final int GIVEN = 0x095D;

  /** The patient of a demographics poll result, when it names one object's attributes. */
  public static Optional<MonitorPatient> of(DataExportMessage.PollResult poll) {
    if (poll.objectClass() != CLASS_PATIENT || poll.objects().isEmpty()) {
      return Optional.empty();
    }
    Attributes a = poll.objects().get(0).attributes();
    String id = a.get(ID).map(b -> Wire.string(b, "patient id")).orElse("");
    String family = a.get(FAMILY).map(b -> Wire.string(b, "family name")).orElse("");
    String given = a.get(GIVEN).map(b -> Wire.string(b, "given name")).orElse("");
    LocalDate birth = a.get(BIRTH_DATE).flatMap(b -> AbsoluteTime.read(b, "date of birth")).map(t -> t.toLocalDate())
        .orElse(null);
    String state = a.get(STATE).map(b -> state(Wire.u16(b, "demographic state"))).orElse(null);
    return Optional.of(new MonitorPatient(id, family, given, birth, state));
  }

  private static String state(int code) {
    return switch (code) {
      case 0 -> "empty";
      case 1 -> "pre-admitted";
      case 2 -> "admitted";
      case 8 -> "discharged";
      default -> "state " + code;
    };
  }

  /**
   * Why this is not the open procedure's patient, or empty when it is or cannot be told: the
   * identifiers differ, or (without an identifier on the monitor) the family names differ.
   */
  public Optional<String> mismatch(ProcedureView procedure) {
    if (procedure == null || "empty".equals(state) || (id.isEmpty() && family.isEmpty())) {
      return Optional.empty();
    }
    if (!id.isEmpty() && procedure.patientRef() != null) {
      return id.equals(procedure.patientRef()) ? Optional.empty()
          : Optional.of("the monitor is admitted to another patient (its patient id differs from the open procedure's)");
    }
    String expected = procedure.patientName() == null ? "" : procedure.patientName().split("\\^", -1)[0];
    if (!family.isEmpty() && !expected.isEmpty() && !family.equalsIgnoreCase(expected)) {
      return Optional.of("the monitor is admitted to another patient (its family name differs from the open procedure's)");
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "MonitorPatient[state=" + state + "]";
  }
}
