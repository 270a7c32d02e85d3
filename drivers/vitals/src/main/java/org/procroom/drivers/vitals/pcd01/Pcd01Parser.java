package org.procroom.drivers.vitals.pcd01;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v26.datatype.CWE;
import ca.uhn.hl7v2.model.v26.datatype.DTM;
import ca.uhn.hl7v2.model.v26.group.ORU_R01_OBSERVATION;
import ca.uhn.hl7v2.model.v26.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v26.group.ORU_R01_PATIENT_RESULT;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.procroom.drivers.vitals.Mdc;
import org.procroom.drivers.vitals.Observation;
import org.procroom.drivers.vitals.ObservationSet;

/**
 * IHE PCD-01 ORU^R01 (HL7 v2.6) to observations, with HAPI. Messages of any 2.x version are read
 * into the v2.6 structures. OBX-3 MDC code, OBX-5 value (NM only), OBX-6 unit (MDC dimension or
 * UCUM), OBX-11 status X = no value, OBX-14 observation time, OBX-17 APERIODIC (NIBP).
 */
public final class Pcd01Parser {
  private static final Map<String, String> MDC_UNITS = Map.of(
      "264864", "/min", "262688", "%", "266016", "mm[Hg]", "264928", "/min", "268192", "Cel");

  /** An observation set, or the acknowledgement code, error and reason for what could not be taken. */
  public record Result(ObservationSet set, Hl7Ack.Code refusal, Hl7Ack.Error error, String reason) {
    static Result refuse(Hl7Ack.Code code, Hl7Ack.Error error, String reason) {
      return new Result(null, code, error, reason);
    }
  }

  private final HapiContext hapi = new DefaultHapiContext();

  public Pcd01Parser() {
    hapi.setModelClassFactory(new CanonicalModelClassFactory("2.6"));
    hapi.setValidationContext(ValidationContextFactory.noValidation());
  }

  public Result parse(String text) {
    Message message;
    try {
      message = hapi.getPipeParser().parse(text);
    } catch (HL7Exception e) {
      return Result.refuse(Hl7Ack.Code.AR, Hl7Ack.Error.SEGMENT_SEQUENCE, "not parseable as HL7 v2: " + e.getMessage());
    } catch (RuntimeException e) {
      // HAPI's parser throws unchecked exceptions on some malformed headers (found by fuzzing).
      return Result.refuse(Hl7Ack.Code.AR, Hl7Ack.Error.SEGMENT_SEQUENCE, "not parseable as HL7 v2: " + e);
    }
    if (!(message instanceof ORU_R01 oru)) {
      return Result.refuse(Hl7Ack.Code.AR, Hl7Ack.Error.UNSUPPORTED_MESSAGE_TYPE, "only ORU^R01 is accepted, found "
          + Hl7Ack.mshField(text, 9));
    }
    try {
      String controlId = oru.getMSH().getMessageControlID().getValue();
      Instant messageTime = time(oru.getMSH().getDateTimeOfMessage()).orElse(null);
      Instant setTime = null;
      List<Observation> observations = new ArrayList<>();
      for (ORU_R01_PATIENT_RESULT result : oru.getPATIENT_RESULTAll()) {
        for (ORU_R01_ORDER_OBSERVATION order : result.getORDER_OBSERVATIONAll()) {
          if (setTime == null) {
            setTime = time(order.getOBR().getObservationDateTime()).orElse(null);
          }
          for (ORU_R01_OBSERVATION observation : order.getOBSERVATIONAll()) {
            OBX obx = observation.getOBX();
            String problem = add(obx, observations);
            if (problem != null) {
              return Result.refuse(Hl7Ack.Code.AE, Hl7Ack.Error.DATA_TYPE, "OBX " + obx.getSetIDOBX().getValue() + ": " + problem);
            }
          }
        }
      }
      return new Result(new ObservationSet("pcd01", setTime != null ? setTime : messageTime, controlId, observations,
          List.of()), null, Hl7Ack.Error.NONE, null);
    } catch (HL7Exception e) {
      return Result.refuse(Hl7Ack.Code.AE, Hl7Ack.Error.DATA_TYPE, e.getMessage());
    } catch (RuntimeException e) {
      return Result.refuse(Hl7Ack.Code.AE, Hl7Ack.Error.DATA_TYPE, "unreadable field: " + e);
    }
  }

  /** Adds a numeric OBX; other value types (device identity, settings text) are not observations. */
  private static String add(OBX obx, List<Observation> out) throws HL7Exception {
    String valueType = obx.getValueType().getValue();
    String status = obx.getObservationResultStatus().getValue();
    if (valueType != null && !valueType.equals("NM")) {
      return null;
    }
    CWE id = obx.getObservationIdentifier();
    String numeric = id.getIdentifier().getValue();
    String name = id.getText().getValue();
    int code;
    try {
      code = Integer.parseInt(numeric);
    } catch (NumberFormatException e) {
      return "OBX-3 '" + numeric + "' is not an MDC numeric code";
    }
    Optional<Mdc> known = Mdc.byCode(code);
    String reference = known.map(Enum::name).orElse(name == null ? "MDC_" + code : name);
    String unit = known.map(Mdc::unit).orElseGet(() -> unit(obx.getUnits()));
    if (unit == null) {
      // Found by fuzzing: an unknown term without OBX-6 has no unit to report the value in.
      return "OBX-6 (units) is missing for " + reference;
    }
    Instant observedAt = time(obx.getDateTimeOfTheObservation()).orElse(null);
    String method = null;
    if (obx.getObservationMethodReps() > 0) {
      CWE m = obx.getObservationMethod(0);
      if ("APERIODIC".equals(m.getText().getValue()) || "APERIODIC".equals(m.getIdentifier().getValue())) {
        method = "APERIODIC";
      }
    }
    if ("X".equals(status) || obx.getObservationValueReps() == 0 || obx.getObservationValue(0).encode().isEmpty()) {
      out.add(new Observation(reference, code, null, unit, "X".equals(status) ? "cannot-be-obtained" : "no-value",
          observedAt, method));
      return null;
    }
    String raw = obx.getObservationValue(0).encode();
    try {
      out.add(new Observation(reference, code, Double.parseDouble(raw), unit, null, observedAt, method));
    } catch (NumberFormatException e) {
      return "OBX-5 '" + raw + "' is not a number";
    }
    return null;
  }

  private static String unit(CWE units) {
    String id = units.getIdentifier().getValue();
    if (id == null || "UCUM".equals(units.getNameOfCodingSystem().getValue())) {
      return id != null ? id : units.getText().getValue();
    }
    return MDC_UNITS.getOrDefault(id, units.getText().getValue());
  }

  private static Optional<Instant> time(DTM dtm) throws DataTypeException {
    if (dtm == null || dtm.getValue() == null || dtm.getValue().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Hl7Time.parse(dtm.getValue(), ZoneId.systemDefault()));
    } catch (IllegalArgumentException e) {
      throw new DataTypeException(e.getMessage());
    }
  }
}
