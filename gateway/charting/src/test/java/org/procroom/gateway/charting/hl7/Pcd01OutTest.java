package org.procroom.gateway.charting.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.store.DeliveryRouter;
import org.procroom.gateway.store.Procedure;

/**
 * PCD-01 out, read back by HAPI (with its default validation) as an interface engine would: the
 * profile, the patient, the room, MDC codes and units, unvalidated status, the device's time and
 * identity; and what is charted: one value per vital sign per interval, episodic and out-of-limit
 * values as they come, no "no value" entry ever.
 */
class Pcd01OutTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Hl7Settings settings = new Hl7Settings("127.0.0.1", 2575, "PROCROOM", "CLINIC", "ENGINE", "HOSP",
      "HOSP-MRN", Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1));
  private final Pcd01Out out = new Pcd01Out(settings, "room-7", GatewayClock.system(), false);
  private final Procedure procedure = new Procedure("0190a1b2-0000-7000-8000-000000000001", "room-7", "TPI", "MRN-42",
      Procedure.State.OPEN, Instant.parse("2026-12-01T10:00:00Z"), null, 3, true, "Müller^Jörg", "ACC-9", "injection", Instant.parse("2026-12-01T10:00:30Z"));
  private final Set<String> claimed = new HashSet<>();
  private final DeliveryRouter.Slots slots = (queue, procedureId, slot) -> claimed.add(queue + procedureId + slot);

  /** A monitor's set as the vitals driver commits it (docs/schemas/payloads/vitals.observation.schema.json). */
  private DeviceEvent vitals(String id, String receivedAt, String observations, String findings) throws Exception {
    JsonNode payload = JSON.readTree("{\"protocol\":\"s5\",\"observations\":[" + observations + "],\"findings\":["
        + findings + "],\"severity\":\"ok\"}");
    return new DeviceEvent(id, 10, "room-7", procedure.id(), 4L, "monitor-1", "vitals-monitor", "vitals.observation",
        Instant.parse("2026-12-01T10:01:02.250Z"), Instant.parse(receivedAt), payload);
  }

  private static final String HR = "{\"code\":\"MDC_ECG_HEART_RATE\",\"mdc\":147842,\"codingSystem\":\"MDC\",\"value\":72,\"unit\":\"/min\"}";
  private static final String SYS = "{\"code\":\"MDC_PRESS_BLD_NONINV_SYS\",\"mdc\":150021,\"codingSystem\":\"MDC\",\"value\":124,"
      + "\"unit\":\"mm[Hg]\",\"method\":\"APERIODIC\"}";
  private static final String NO_SPO2 = "{\"code\":\"MDC_PULS_OXIM_SAT_O2\",\"mdc\":150456,\"codingSystem\":\"MDC\","
      + "\"unit\":\"%\",\"status\":\"sentinel\",\"valueReceived\":\"-999\"}";

  private static ORU_R01 parse(DeliveryRouter.Delivery delivery) throws Exception {
    try (HapiContext hapi = new DefaultHapiContext()) {
      hapi.setModelClassFactory(new CanonicalModelClassFactory("2.6"));
      hapi.setValidationContext(ValidationContextFactory.defaultValidation());
      return (ORU_R01) hapi.getPipeParser().parse(new String(delivery.payload(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aSetBecomesAPcd01MessageThatHapiReads() throws Exception {
    DeviceEvent event = vitals("0190a1b2-0000-7000-8000-0000000000aa", "2026-12-01T10:01:03Z", HR + "," + SYS + "," + NO_SPO2, "");
    List<DeliveryRouter.Delivery> deliveries = out.deliveries(event, procedure, slots);
    assertEquals(1, deliveries.size());
    assertEquals("hl7", deliveries.get(0).queue());
    assertEquals(event.eventId(), deliveries.get(0).key(), "MSH-10 is the event's id: the same on every resend");

    ORU_R01 oru = parse(deliveries.get(0));
    assertEquals("IHE_PCD_001", oru.getMSH().getMessageProfileIdentifier(0).getEntityIdentifier().getValue());
    assertEquals("ORU", oru.getMSH().getMessageType().getMessageCode().getValue());
    assertEquals(event.eventId(), oru.getMSH().getMessageControlID().getValue());
    assertEquals("AL", oru.getMSH().getAcceptAcknowledgmentType().getValue());
    assertEquals("PROCROOM", oru.getMSH().getSendingApplication().getNamespaceID().getValue());
    assertEquals("ENGINE", oru.getMSH().getReceivingApplication().getNamespaceID().getValue());
    var pid = oru.getPATIENT_RESULT().getPATIENT().getPID();
    assertEquals("MRN-42", pid.getPatientIdentifierList(0).getIDNumber().getValue());
    assertEquals("HOSP-MRN", pid.getPatientIdentifierList(0).getAssigningAuthority().getNamespaceID().getValue());
    assertEquals("Müller", pid.getPatientName(0).getFamilyName().getSurname().getValue());
    assertEquals("Jörg", pid.getPatientName(0).getGivenName().getValue());
    assertEquals("room-7", oru.getPATIENT_RESULT().getPATIENT().getVISIT().getPV1().getAssignedPatientLocation()
        .getPointOfCare().getValue());

    var order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
    assertEquals(procedure.id(), order.getOBR().getPlacerOrderNumber().getEntityIdentifier().getValue());
    assertEquals(3, order.getOBSERVATIONReps(), "the device row, heart rate and the NIBP; never the sentinel");
    OBX mds = order.getOBSERVATION(0).getOBX();
    assertEquals("69965", mds.getObservationIdentifier().getIdentifier().getValue());
    assertEquals("X", mds.getObservationResultStatus().getValue());
    OBX hr = order.getOBSERVATION(1).getOBX();
    assertEquals("147842", hr.getObservationIdentifier().getIdentifier().getValue());
    assertEquals("MDC_ECG_HEART_RATE", hr.getObservationIdentifier().getText().getValue());
    assertEquals("MDC", hr.getObservationIdentifier().getNameOfCodingSystem().getValue());
    assertEquals("1.0.0.1", hr.getObservationSubID().getValue());
    assertEquals("NM", hr.getValueType().getValue());
    assertEquals("72", hr.getObservationValue(0).getData().encode());
    assertEquals("/min", hr.getUnits().getIdentifier().getValue(), "/min names several MDC units: UCUM alone");
    assertEquals("UCUM", hr.getUnits().getNameOfCodingSystem().getValue());
    assertEquals("R", hr.getObservationResultStatus().getValue());
    assertEquals("20261201100102.250+0000", hr.getDateTimeOfTheObservation().getValue());
    assertEquals("monitor-1", hr.getEquipmentInstanceIdentifier(0).getEntityIdentifier().getValue());
    OBX sys = order.getOBSERVATION(2).getOBX();
    assertEquals("266016", sys.getUnits().getIdentifier().getValue(), "mm[Hg] is one MDC unit");
    assertEquals("MDC_DIM_MMHG", sys.getUnits().getText().getValue());
    assertEquals("mm[Hg]", sys.getUnits().getAlternateIdentifier().getValue());
    assertEquals("UCUM", sys.getUnits().getNameOfAlternateCodingSystem().getValue());
  }

  @Test
  void oneValuePerVitalSignPerIntervalEpisodicAndOutOfLimitValuesAsTheyCome() throws Exception {
    assertEquals(1, out.deliveries(vitals("e1", "2026-12-01T10:01:03Z", HR, ""), procedure, slots).size());
    assertTrue(out.deliveries(vitals("e2", "2026-12-01T10:01:40Z", HR, ""), procedure, slots).isEmpty(),
        "the interval 10:01 already has its heart rate");
    assertEquals(1, out.deliveries(vitals("e3", "2026-12-01T10:01:50Z", HR,
        "{\"code\":\"BELOW_LIMIT\",\"severity\":\"warning\",\"message\":\"MDC_ECG_HEART_RATE 44 /min below 50\"}"),
        procedure, slots).size(), "a value outside the limits goes as it comes");
    assertEquals(1, out.deliveries(vitals("e4", "2026-12-01T10:01:55Z", SYS, ""), procedure, slots).size(),
        "NIBP is episodic: every one");
    assertEquals(1, out.deliveries(vitals("e5", "2026-12-01T10:02:00Z", HR, ""), procedure, slots).size(),
        "a new interval, a new heart rate");
    assertTrue(out.deliveries(vitals("e6", "2026-12-01T10:02:10Z", NO_SPO2, ""), procedure, slots).isEmpty(),
        "no value is never charted");
  }

  /** Reviewed on the gateway: held until a nurse releases it, and then a validated result (OBX-11 F). */
  @Test
  void aReviewedSetIsHeldAndGoesAsValidated() throws Exception {
    Pcd01Out reviewed = new Pcd01Out(settings, "room-7", GatewayClock.system(), true);
    DeviceEvent event = vitals("0190a1b2-0000-7000-8000-0000000000ab", "2026-12-01T10:01:03Z", HR, "");
    DeliveryRouter.Delivery d = reviewed.deliveries(event, procedure, slots).get(0);
    assertTrue(d.held());
    assertEquals("F", parse(d).getPATIENT_RESULT().getORDER_OBSERVATION().getOBSERVATION(1).getOBX()
        .getObservationResultStatus().getValue());
    assertFalse(out.deliveries(vitals("0190a1b2-0000-7000-8000-0000000000ac", "2026-12-01T10:05:03Z", HR, ""), procedure,
        slots).get(0).held(), "with the EHR validating, nothing is held");
  }

  /** Before the patient is identified (a typed-in patient, no wristband yet) nothing is charted. */
  @Test
  void nothingOutsideAnAssociation() throws Exception {
    Procedure typedIn = new Procedure(procedure.id(), "room-7", "TPI", "MRN-42", Procedure.State.OPEN,
        Instant.parse("2026-12-01T10:00:00Z"), null, 3, false, null, null, "assessment");
    assertTrue(out.deliveries(vitals("0190a1b2-0000-7000-8000-0000000000ad", "2026-12-01T10:09:03Z", HR + "," + SYS, ""),
        typedIn, slots).isEmpty());
  }

  /** OBX-17 as the monitor sent it (PCD-01 in), empty where the method is not known. */
  @Test
  void theMethodTheMonitorSent() throws Exception {
    String measured = "{\"code\":\"MDC_PULS_OXIM_SAT_O2\",\"mdc\":150456,\"codingSystem\":\"MDC\",\"value\":97,"
        + "\"unit\":\"%\",\"method\":\"AMEAS^MDC\"}";
    ORU_R01 oru = parse(out.deliveries(vitals("0190a1b2-0000-7000-8000-0000000000ae", "2026-12-01T10:20:03Z",
        measured + "," + HR, ""), procedure, slots).get(0));
    var order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
    assertEquals("AMEAS", order.getOBSERVATION(1).getOBX().getObservationMethod(0).getIdentifier().getValue());
    assertEquals("MDC", order.getOBSERVATION(1).getOBX().getObservationMethod(0).getText().getValue(), "as sent");
    assertEquals(0, order.getOBSERVATION(2).getOBX().getObservationMethodReps(), "heart rate: no method known");
    assertEquals("monitor-1", order.getOBSERVATION(2).getOBX().getEquipmentInstanceIdentifier(0).getEntityIdentifier()
        .getValue(), "OBX-18 stays in place");
  }

  @Test
  void aSetFromAMonitorWhoseClockIsOutOfBoundIsTimedByTheGateway() throws Exception {
    DeviceEvent skewed = vitals("0190a1b2-0000-7000-8000-0000000000ab", "2026-12-01T10:02:40Z", HR,
        "{\"code\":\"CLOCK_SKEW\",\"severity\":\"warning\",\"message\":\"monitor clock is 97.8 s behind\"}");
    var order = parse(out.deliveries(skewed, procedure, slots).get(0)).getPATIENT_RESULT().getORDER_OBSERVATION();
    assertEquals("20261201100240.000+0000", order.getOBR().getObservationDateTime().encode(), "OBR-7: the arrival");
    assertEquals("20261201100240.000+0000", order.getOBSERVATION(1).getOBX().getDateTimeOfTheObservation().encode());
  }
}
