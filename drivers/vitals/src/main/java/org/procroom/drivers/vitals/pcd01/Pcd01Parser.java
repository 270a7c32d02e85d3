package org.procroom.drivers.vitals.pcd01;

import org.procroom.gateway.api.Decoded;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v26.datatype.CWE;
import ca.uhn.hl7v2.model.v26.datatype.CX;
import ca.uhn.hl7v2.model.v26.datatype.DTM;
import ca.uhn.hl7v2.model.v26.group.ORU_R01_OBSERVATION;
import ca.uhn.hl7v2.model.v26.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v26.group.ORU_R01_PATIENT_RESULT;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.segment.MSH;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import ca.uhn.hl7v2.model.v26.segment.PID;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.procroom.drivers.vitals.ObservationSet.PatientId;

/**
 * IHE PCD-01 ORU^R01 (HL7 v2.6; any 2.x read into the v2.6 structures, with HAPI) to a
 * {@link Pcd01Message}: fields as sent, nothing interpreted. Only a message that is not HL7 or not
 * an ORU^R01 is refused (AR); a field that cannot be read (a bad timestamp) is listed as a problem
 * and the message is taken, so one odd field never costs the monitor its other values.
 */
public final class Pcd01Parser {
  /**
   * A message, or the acknowledgement code, error, where it is (ERR-2, empty when no one field) and
   * reason for one that cannot be taken at all.
   */
  public record Result(Pcd01Message message, Hl7Ack.Code refusal, Hl7Ack.Error error, String location,
      String reason) implements Decoded<Pcd01Message> {
    static Result refuse(Hl7Ack.Code code, Hl7Ack.Error error, String location, String reason) {
      return new Result(null, code, error, location, reason);
    }

    @Override
    public Pcd01Message value() {
      return message;
    }

    /** Why the message cannot be taken at all (it is then refused); null for a message taken. */
    @Override
    public String invalidReason() {
      return message == null ? reason : null;
    }
  }

  private final HapiContext hapi = new DefaultHapiContext();
  private final ZoneId senderZone;

  public Pcd01Parser() {
    this(ZoneId.systemDefault());
  }

  /** @param senderZone the zone of timestamps sent without an offset */
  public Pcd01Parser(ZoneId senderZone) {
    this.senderZone = senderZone;
    hapi.setModelClassFactory(new CanonicalModelClassFactory("2.6"));
    hapi.setValidationContext(ValidationContextFactory.noValidation());
    // A value without OBX-2, or with a type HAPI does not know, is read as text rather than refusing
    // the whole message (seen in published Continua and vendor messages).
    hapi.getParserConfiguration().setDefaultObx2Type("ST");
    hapi.getParserConfiguration().setInvalidObx2Type("ST");
  }

  public Result parse(String text) {
    Message message;
    try {
      message = hapi.getPipeParser().parse(text);
    } catch (HL7Exception e) {
      return Result.refuse(Hl7Ack.Code.AR, Hl7Ack.Error.SEGMENT_SEQUENCE, "", "not parseable as HL7 v2: "
          + e.getMessage());
    } catch (RuntimeException e) {
      // HAPI's parser throws unchecked exceptions on some malformed headers (found by fuzzing).
      return Result.refuse(Hl7Ack.Code.AR, Hl7Ack.Error.SEGMENT_SEQUENCE, "", "not parseable as HL7 v2: " + e);
    }
    if (!(message instanceof ORU_R01 oru)) {
      return Result.refuse(Hl7Ack.Code.AR, Hl7Ack.Error.UNSUPPORTED_MESSAGE_TYPE, "MSH^1^9",
          "only ORU^R01 is accepted, found "
          + Hl7Ack.mshField(text, 9));
    }
    try {
      Pcd01Message m = read(oru);
      long sent = java.util.Arrays.stream(text.split("[\r\n]+")).filter(seg -> seg.startsWith("OBX")).count();
      if (sent > m.segments().size()) {
        // HAPI places an OBX only inside an OBR group: say so rather than lose it quietly.
        return Result.refuse(Hl7Ack.Code.AE, Hl7Ack.Error.SEGMENT_SEQUENCE, "OBX", (sent - m.segments().size())
            + " OBX segment(s) outside an OBR group: ORU^R01 needs an OBR before its OBX");
      }
      return new Result(m, null, Hl7Ack.Error.NONE, "", null);
    } catch (HL7Exception | RuntimeException e) {
      return Result.refuse(Hl7Ack.Code.AE, Hl7Ack.Error.DATA_TYPE, "", "unreadable field: " + e.getMessage());
    }
  }

  private Pcd01Message read(ORU_R01 oru) throws HL7Exception {
    List<String> problems = new ArrayList<>();
    MSH msh = oru.getMSH();
    String processing = text(msh.getProcessingID().getProcessingID().getValue());
    String profile = msh.getMessageProfileIdentifierReps() > 0
        ? text(msh.getMessageProfileIdentifier(0).getEntityIdentifier().getValue()) : "";
    Instant messageTime = time(msh.getDateTimeOfMessage(), "MSH-7", problems);
    List<PatientId> ids = new ArrayList<>();
    boolean hasPatient = false;
    String location = "";
    Instant setTime = null;
    List<Pcd01Message.Obx> segments = new ArrayList<>();
    for (ORU_R01_PATIENT_RESULT result : oru.getPATIENT_RESULTAll()) {
      PID pid = result.getPATIENT().getPID();
      if (!hasPatient && !pid.isEmpty()) {
        hasPatient = true;
        for (CX cx : pid.getPatientIdentifierList()) {
          String id = text(cx.getIDNumber().getValue());
          if (!id.isEmpty()) {
            String authority = text(cx.getAssigningAuthority().getNamespaceID().getValue());
            if (authority.isEmpty()) {
              authority = text(cx.getAssigningAuthority().getUniversalID().getValue());
            }
            ids.add(new PatientId(id, authority, text(cx.getIdentifierTypeCode().getValue())));
          }
        }
      }
      if (location.isEmpty()) {
        location = result.getPATIENT().getVISIT().getPV1().getAssignedPatientLocation().encode();
      }
      for (ORU_R01_ORDER_OBSERVATION order : result.getORDER_OBSERVATIONAll()) {
        Instant groupStart = time(order.getOBR().getObservationDateTime(), "OBR-7", problems);
        Instant groupEnd = time(order.getOBR().getObservationEndDateTime(), "OBR-8", problems);
        if (setTime == null) {
          setTime = groupStart;
        }
        for (ORU_R01_OBSERVATION observation : order.getOBSERVATIONAll()) {
          segments.add(obx(observation.getOBX(), groupStart, groupEnd, problems));
        }
      }
    }
    return new Pcd01Message(text(msh.getMessageControlID().getValue()), processing.isEmpty() ? "P" : processing,
        msh.getSendingApplication().encode(), msh.getSendingFacility().encode(), profile, messageTime, setTime, ids,
        hasPatient, location, segments, problems);
  }

  private Pcd01Message.Obx obx(OBX obx, Instant groupStart, Instant groupEnd, List<String> problems) throws HL7Exception {
    String setId = text(obx.getSetIDOBX().getValue());
    List<String> values = new ArrayList<>();
    for (int i = 0; i < obx.getObservationValueReps(); i++) {
      String v = obx.getObservationValue(i).encode();
      if (!v.isEmpty()) {
        values.add(v);
      }
    }
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < obx.getAbnormalFlagsReps(); i++) {
      String f = text(obx.getAbnormalFlags(i).getValue());
      if (!f.isEmpty()) {
        flags.add(f);
      }
    }
    List<String> methods = new ArrayList<>();
    for (int i = 0; i < obx.getObservationMethodReps(); i++) {
      String m = obx.getObservationMethod(i).encode();
      if (!m.isEmpty()) {
        methods.add(m);
      }
    }
    String equipment = obx.getEquipmentInstanceIdentifierReps() > 0
        ? text(obx.getEquipmentInstanceIdentifier(0).getEntityIdentifier().getValue()) : "";
    String site = obx.getObservationSiteReps() > 0 ? obx.getObservationSite(0).encode() : "";
    return new Pcd01Message.Obx(setId, text(obx.getValueType().getValue()), coded(obx.getObservationIdentifier()),
        text(obx.getObservationSubID().getValue()), values, coded(obx.getUnits()),
        text(obx.getReferencesRange().getValue()), flags, text(obx.getObservationResultStatus().getValue()),
        time(obx.getDateTimeOfTheObservation(), "OBX " + setId + " OBX-14", problems), methods, equipment, site,
        groupStart, groupEnd);
  }

  private static Pcd01Message.Coded coded(CWE cwe) {
    return new Pcd01Message.Coded(text(cwe.getIdentifier().getValue()), text(cwe.getText().getValue()),
        text(cwe.getNameOfCodingSystem().getValue()), text(cwe.getAlternateIdentifier().getValue()),
        text(cwe.getAlternateText().getValue()), text(cwe.getNameOfAlternateCodingSystem().getValue()));
  }

  private Instant time(DTM dtm, String field, List<String> problems) {
    String value = dtm == null ? null : dtm.getValue();
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Hl7Time.parse(value, senderZone);
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + e.getMessage());
      return null;
    }
  }

  private static String text(String s) {
    return s == null ? "" : s.trim();
  }
}
