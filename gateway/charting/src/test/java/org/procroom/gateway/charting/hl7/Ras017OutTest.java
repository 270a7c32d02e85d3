package org.procroom.gateway.charting.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v26.message.RAS_O17;
import ca.uhn.hl7v2.model.v26.segment.RXA;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.store.DeliveryRouter;
import org.procroom.gateway.store.Procedure;

/** A recorded injection as RAS^O17, read back by HAPI: the mixture, its volume, who, when, route and site. */
class Ras017OutTest {
  private final Hl7Settings settings = new Hl7Settings("127.0.0.1", 2575, "PROCROOM", "CLINIC", "ENGINE", "HOSP",
      "HOSP-MRN", Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1));
  private final Ras017Out out = new Ras017Out(settings, "room-7", GatewayClock.system());
  private final Procedure procedure = new Procedure("0190a1b2-0000-7000-8000-000000000001", "room-7", "TPI", "MRN-42",
      Procedure.State.OPEN, Instant.parse("2026-12-01T10:00:00Z"), null, 3, true, "DOE^JANE", "ACC-9", "injection", Instant.parse("2026-12-01T10:00:30Z"));

  @Test
  void anInjectionEntryBecomesARasO17ThatHapiReads() throws Exception {
    DeviceEvent injection = new DeviceEvent("0190a1b2-0000-7000-8000-0000000000bb", 11, "room-7", procedure.id(), 5L,
        "staff", "staff", "staff.injection", null, Instant.parse("2026-12-01T10:12:30Z"), new ObjectMapper().readTree(
            "{\"site\":\"left upper trapezius\",\"drugs\":[\"lidocaine 1%\",\"triamcinolone 40 mg/mL\"],\"volumeMl\":2.0,"
                + "\"enteredBy\":\"dr-lee\"}"));
    List<DeliveryRouter.Delivery> deliveries = out.deliveries(injection, procedure, (q, p, s) -> true);
    assertEquals(1, deliveries.size());
    assertEquals("hl7", deliveries.get(0).queue());

    RAS_O17 ras;
    try (HapiContext hapi = new DefaultHapiContext()) {
      hapi.setModelClassFactory(new CanonicalModelClassFactory("2.6"));
      hapi.setValidationContext(ValidationContextFactory.defaultValidation());
      ras = (RAS_O17) hapi.getPipeParser().parse(new String(deliveries.get(0).payload(), StandardCharsets.UTF_8));
    }
    assertEquals("RAS", ras.getMSH().getMessageType().getMessageCode().getValue());
    assertEquals(injection.eventId(), ras.getMSH().getMessageControlID().getValue());
    assertEquals("MRN-42", ras.getPATIENT().getPID().getPatientIdentifierList(0).getIDNumber().getValue());
    var order = ras.getORDER();
    assertEquals("RE", order.getORC().getOrderControl().getValue());
    assertEquals("dr-lee", order.getORC().getEnteredBy(0).getIDNumber().getValue());
    RXA rxa = order.getADMINISTRATION().getRXA();
    assertEquals("20261201101230.000+0000", rxa.getDateTimeStartOfAdministration().getValue());
    assertEquals("lidocaine 1% + triamcinolone 40 mg/mL", rxa.getAdministeredCode().getText().getValue());
    assertEquals("2", rxa.getAdministeredAmount().getValue());
    assertEquals("mL", rxa.getAdministeredUnits().getIdentifier().getValue());
    assertTrue(rxa.getAdministrationNotes(0).getText().getValue().contains("mixture"));
    assertEquals("dr-lee", rxa.getAdministeringProvider(0).getIDNumber().getValue());
    assertEquals("CP", rxa.getCompletionStatus().getValue());
    var rxr = order.getADMINISTRATION().getRXR();
    assertEquals("IM", rxr.getRoute().getIdentifier().getValue());
    assertEquals("left upper trapezius", rxr.getAdministrationSite().getText().getValue());
  }

  @Test
  void otherEventsAreNotAdministrations() throws Exception {
    DeviceEvent scan = new DeviceEvent("e", 12, "room-7", procedure.id(), 6L, "scanner-1", "barcode-scanner",
        "barcode.scan", null, Instant.now(), new ObjectMapper().readTree("{}"));
    assertTrue(out.deliveries(scan, procedure, (q, p, s) -> true).isEmpty());
  }

  /** The lot and expiry of each drug's vial as scanned in the record (RXA-15, RXA-16); an expired vial was never given. */
  @Test
  void theVialsScannedGiveLotsAndExpiry() throws Exception {
    ObjectMapper json = new ObjectMapper();
    DeviceEvent lidocaine = new DeviceEvent("s1", 8, "room-7", procedure.id(), 3L, "scanner-1", "barcode-scanner",
        "barcode.scan", null, Instant.parse("2026-12-01T10:05:00Z"), json.readTree("{\"classification\":\"medication\","
            + "\"severity\":\"ok\",\"product\":{\"kind\":\"MEDICATION\",\"name\":\"Lidocaine hydrochloride\","
            + "\"strength\":\"1%\"},\"decoded\":{\"gtin\":\"00304094276014\",\"lot\":\"LID2401\",\"expiry\":\"2027-11-30\"}}"));
    DeviceEvent expired = new DeviceEvent("s2", 9, "room-7", procedure.id(), 4L, "scanner-1", "barcode-scanner",
        "barcode.scan", null, Instant.parse("2026-12-01T10:06:00Z"), json.readTree("{\"classification\":\"medication\","
            + "\"severity\":\"critical\",\"product\":{\"kind\":\"MEDICATION\",\"name\":\"Triamcinolone acetonide\","
            + "\"strength\":\"40 mg/mL\"},\"decoded\":{\"lot\":\"TRI01\",\"expiry\":\"2025-01-31\"}}"));
    DeliveryRouter.Slots record = new DeliveryRouter.Slots() {
      @Override
      public boolean claim(String queue, String procedureId, String slot) {
        return true;
      }

      @Override
      public List<DeviceEvent> entries(String procedureId, String type) {
        return type.equals("barcode.scan") ? List.of(lidocaine, expired) : List.of();
      }
    };
    DeviceEvent injection = new DeviceEvent("0190a1b2-0000-7000-8000-0000000000bc", 11, "room-7", procedure.id(), 5L,
        "staff", "staff", "staff.injection", null, Instant.parse("2026-12-01T10:12:30Z"), json.readTree(
            "{\"site\":\"left upper trapezius\",\"drugs\":[\"lidocaine 1%\",\"triamcinolone 40 mg/mL\"],\"volumeMl\":2.0,"
                + "\"enteredBy\":\"dr-lee\"}"));
    RAS_O17 ras;
    try (HapiContext hapi = new DefaultHapiContext()) {
      hapi.setModelClassFactory(new CanonicalModelClassFactory("2.6"));
      hapi.setValidationContext(ValidationContextFactory.defaultValidation());
      ras = (RAS_O17) hapi.getPipeParser().parse(new String(out.deliveries(injection, procedure, record).get(0).payload(),
          StandardCharsets.UTF_8));
    }
    RXA rxa = ras.getORDER().getADMINISTRATION().getRXA();
    // One repetition per drug in the entry's order; the second's vial was expired, never given, so its
    // repetition is empty, and an empty last repetition is none.
    assertEquals(1, rxa.getSubstanceLotNumberReps());
    assertEquals("LID2401", rxa.getSubstanceLotNumber(0).getValue());
    assertEquals("20271130", rxa.getSubstanceExpirationDate(0).getValue());
    assertEquals("CP", rxa.getCompletionStatus().getValue(), "the fields after them still in place");

    // A good vial, then a recalled one of the same product: the one in hand failed, and the good
    // one's lot is not reported in its place. The empty first repetition keeps the second aligned.
    DeviceEvent recalledLidocaine = new DeviceEvent("s3", 10, "room-7", procedure.id(), 5L, "scanner-1", "barcode-scanner",
        "barcode.scan", null, Instant.parse("2026-12-01T10:07:00Z"), json.readTree("{\"classification\":\"medication\","
            + "\"severity\":\"critical\",\"product\":{\"kind\":\"MEDICATION\",\"name\":\"Lidocaine hydrochloride\","
            + "\"strength\":\"1%\"},\"decoded\":{\"lot\":\"LID2302\",\"expiry\":\"2027-01-31\"}}"));
    DeviceEvent triamcinolone = new DeviceEvent("s4", 11, "room-7", procedure.id(), 6L, "scanner-1", "barcode-scanner",
        "barcode.scan", null, Instant.parse("2026-12-01T10:08:00Z"), json.readTree("{\"classification\":\"medication\","
            + "\"severity\":\"ok\",\"product\":{\"kind\":\"MEDICATION\",\"name\":\"Triamcinolone acetonide\","
            + "\"strength\":\"40 mg/mL\"},\"decoded\":{\"lot\":\"TRI02\",\"expiry\":\"2028-02-29\"}}"));
    DeliveryRouter.Slots later = new DeliveryRouter.Slots() {
      @Override
      public boolean claim(String queue, String procedureId, String slot) {
        return true;
      }

      @Override
      public List<DeviceEvent> entries(String procedureId, String type) {
        return List.of(lidocaine, recalledLidocaine, triamcinolone);
      }
    };
    try (HapiContext hapi = new DefaultHapiContext()) {
      hapi.setModelClassFactory(new CanonicalModelClassFactory("2.6"));
      ras = (RAS_O17) hapi.getPipeParser().parse(new String(out.deliveries(injection, procedure, later).get(0).payload(),
          StandardCharsets.UTF_8));
    }
    rxa = ras.getORDER().getADMINISTRATION().getRXA();
    assertEquals(2, rxa.getSubstanceLotNumberReps());
    assertEquals(null, rxa.getSubstanceLotNumber(0).getValue(), "the lidocaine in hand was recalled: no lot reported");
    assertEquals("TRI02", rxa.getSubstanceLotNumber(1).getValue());
    assertEquals("20280229", rxa.getSubstanceExpirationDate(1).getValue());
  }
}
