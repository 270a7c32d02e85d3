package org.procroom.gateway.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;

/** A closed record becomes a transaction bundle that HAPI parses back, with every reference resolving inside it. */
class FhirBundleTest {
  private static final Instant OPENED = Instant.parse("2026-11-25T10:00:00Z");
  private final List<DeviceEvent> events = new ArrayList<>();

  private void event(String type, String device, Instant deviceTime, int secondsIn, String payload) {
    events.add(new DeviceEvent("e" + events.size(), events.size() + 1, "room-1", "p1", (long) events.size() + 1, device,
        "kind", type, deviceTime, OPENED.plusSeconds(secondsIn), EventJson.parse(payload)));
  }

  @Test
  void theRecordAsATransactionBundle() {
    event("staff.trigger-point", "staff", null, 10, "{\"muscle\":\"upper trapezius\",\"side\":\"left\",\"enteredBy\":\"dr\"}");
    event("staff.trigger-point", "staff", null, 11, "{\"muscle\":\"levator scapulae\",\"side\":\"left\",\"enteredBy\":\"dr\"}");
    event("staff.pain-score", "staff", null, 12, "{\"score\":7,\"timing\":\"before\",\"enteredBy\":\"dr\"}");
    // Before the wristband: the room's value, not the patient's (no Observation).
    event("vitals.observation", "monitor-1", OPENED.plusSeconds(95), 5, "{\"observations\":[{\"code\":"
        + "\"MDC_ECG_HEART_RATE\",\"mdc\":147842,\"value\":91,\"unit\":\"/min\"}]}");
    event("vitals.observation", "monitor-1", OPENED.plusSeconds(110), 20, "{\"observations\":[{\"code\":"
        + "\"MDC_ECG_HEART_RATE\",\"mdc\":147842,\"value\":72,\"unit\":\"/min\"},{\"code\":\"MDC_PRESS_CUFF_SYS\","
        + "\"mdc\":150301,\"unit\":\"mm[Hg]\",\"status\":\"invalid\"}]}");
    event("barcode.scan", "scanner-1", null, 30, "{\"classification\":\"medication\",\"severity\":\"ok\",\"product\":"
        + "{\"name\":\"Lidocaine hydrochloride\",\"strength\":\"1%\"},\"decoded\":{\"gtin\":\"00304094276014\","
        + "\"lot\":\"LID2401\",\"expiry\":\"2027-11-30\"}}");
    event("barcode.scan", "scanner-1", null, 31, "{\"classification\":\"medication\",\"severity\":\"critical\","
        + "\"product\":{\"name\":\"Lidocaine hydrochloride\",\"strength\":\"1%\"},\"decoded\":{\"gtin\":\"00304094276014\","
        + "\"lot\":\"LID2301\",\"expiry\":\"2025-10-31\"}}");
    for (int i = 0; i < 2; i++) {
      event("dicom.stored", "us-1", OPENED.plusSeconds(40 - 40), 40 + i, "{\"studyInstanceUid\":\"2.25.1\","
          + "\"seriesInstanceUid\":\"2.25.1.1\",\"sopInstanceUid\":\"2.25.1.1." + i + "\",\"sopClassUid\":"
          + "\"1.2.840.10008.5.1.4.1.1.6.1\",\"modality\":\"US\"}");
    }
    event("staff.injection", "staff", null, 50, "{\"site\":\"left upper trapezius\",\"drugs\":[\"lidocaine 1%\","
        + "\"triamcinolone 40 mg/mL\"],\"volumeMl\":2,\"enteredBy\":\"dr\"}");
    Procedure closed = new Procedure("p1", "room-1", "TPI", "PAT-42", Procedure.State.CLOSED, OPENED,
        OPENED.plusSeconds(600), events.size(), true, null, null, "recovery", OPENED.plusSeconds(8));

    String json = FhirBundle.json(closed, events);
    Bundle bundle = FhirBundle.context().newJsonParser().parseResource(Bundle.class, json);
    assertEquals(Bundle.BundleType.TRANSACTION, bundle.getType());
    Set<String> urls = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).collect(Collectors.toSet());
    List<Resource> resources = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
    assertEquals(List.of("Procedure", "Observation", "Observation", "Medication", "MedicationAdministration",
        "MedicationAdministration", "ImagingStudy"), resources.stream().map(r -> r.fhirType()).toList(),
        "the expired (critical) scan is no medication given; an invalid value, or one before the patient was"
            + " identified, is no observation");

    org.hl7.fhir.r4.model.Procedure procedure = (org.hl7.fhir.r4.model.Procedure) resources.get(0);
    assertEquals("PAT-42", procedure.getSubject().getIdentifier().getValue());
    assertEquals("Patient?identifier=urn:procroom:patient|PAT-42", procedure.getSubject().getReference(),
        "a conditional reference the server resolves to its Patient");
    assertEquals(2, procedure.getBodySite().size(), "two trigger points");
    assertEquals(OPENED, procedure.getPerformedPeriod().getStart().toInstant());

    Observation pain = (Observation) resources.get(1);
    assertEquals("72514-3", pain.getCode().getCodingFirstRep().getCode());
    assertEquals(7, pain.getValueIntegerType().getValue());
    Observation heartRate = (Observation) resources.get(2);
    assertEquals(List.of("8867-4", "147842"), heartRate.getCode().getCoding().stream().map(c -> c.getCode()).toList());
    assertEquals(OPENED.plusSeconds(110), heartRate.getEffectiveDateTimeType().getValue().toInstant(), "monitor time");
    assertEquals(OPENED.plusSeconds(20), heartRate.getIssued().toInstant(), "gateway receive time");

    Medication lidocaine = (Medication) resources.get(3);
    assertEquals(java.util.UUID.nameUUIDFromBytes("gtin:00304094276014|lot:LID2401".getBytes(
        java.nio.charset.StandardCharsets.UTF_8)).toString(), lidocaine.getIdentifierFirstRep().getValue(),
        "the product's code and lot: the same Medication for every record that scanned it");
    assertEquals("00304094276014", lidocaine.getCode().getCodingFirstRep().getCode());
    assertEquals("LID2401", lidocaine.getBatch().getLotNumber());
    MedicationAdministration given = (MedicationAdministration) resources.get(4);
    // The last lidocaine vial scanned before the injection failed the checks (expired): which vial was
    // given is not known, so the administration names the drug in words, not the earlier vial.
    assertEquals("lidocaine 1%", given.getMedicationCodeableConcept().getText(),
        "no vial reported in place of the one that failed");
    assertEquals("left upper trapezius", given.getDosage().getSite().getText());
    assertEquals(2.0, given.getDosage().getDose().getValue().doubleValue());
    MedicationAdministration steroid = (MedicationAdministration) resources.get(5);
    assertEquals("triamcinolone 40 mg/mL", steroid.getMedicationCodeableConcept().getText(), "no scan: by name");

    ImagingStudy study = (ImagingStudy) resources.get(6);
    assertEquals(2, study.getNumberOfInstances());
    for (Resource r : resources) {
      JsonNode tree = EventJson.parse(FhirBundle.context().newJsonParser().encodeResourceToString(r));
      String ref = tree.path("partOf").path(0).path("reference").asText(tree.path("procedureReference").path("reference").asText(""));
      assertTrue(ref.isEmpty() || urls.contains(ref), r.fhirType() + " refers to " + ref);
    }
  }

  @Test
  void theAdministrationPointsAtTheVialInHand() {
    event("barcode.scan", "scanner-1", null, 30, "{\"classification\":\"medication\",\"severity\":\"ok\",\"product\":"
        + "{\"name\":\"Lidocaine hydrochloride\",\"strength\":\"1%\"},\"decoded\":{\"gtin\":\"00304094276014\","
        + "\"lot\":\"LID2401\",\"expiry\":\"2027-11-30\"}}");
    event("staff.injection", "staff", null, 50, "{\"site\":\"left upper trapezius\",\"drugs\":[\"lidocaine 1%\"],"
        + "\"volumeMl\":2,\"enteredBy\":\"dr\"}");
    Procedure closed = new Procedure("p1", "room-1", "TPI", "PAT-42", Procedure.State.CLOSED, OPENED,
        OPENED.plusSeconds(600), events.size(), true, null, null, "recovery", OPENED);
    Bundle bundle = FhirBundle.bundle(closed, events);
    MedicationAdministration given = (MedicationAdministration) bundle.getEntry().get(2).getResource();
    assertEquals(bundle.getEntry().get(1).getFullUrl(), given.getMedicationReference().getReference(),
        "the administration points at the scanned vial");
  }

  @Test
  void aValueFromAMonitorWhoseClockIsOutOfBoundIsChartedAtTheGatewaysTime() {
    event("vitals.observation", "monitor-1", OPENED.plusSeconds(20 + 94), 20, "{\"observations\":[{\"code\":"
        + "\"MDC_ECG_HEART_RATE\",\"mdc\":147842,\"value\":72,\"unit\":\"/min\"}],\"findings\":[{\"code\":"
        + "\"CLOCK_SKEW\",\"severity\":\"warning\"}]}");
    event("vitals.observation", "monitor-2", OPENED.plusSeconds(30 + 2), 30, "{\"observations\":[{\"code\":"
        + "\"MDC_ECG_HEART_RATE\",\"mdc\":147842,\"value\":70,\"unit\":\"/min\"}]}");
    Procedure closed = new Procedure("p1", "room-1", "TPI", "PAT-42", Procedure.State.CLOSED, OPENED,
        OPENED.plusSeconds(600), events.size(), true, null, null, "recovery", OPENED);
    Bundle bundle = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
        .parseResource(Bundle.class, FhirBundle.json(closed, events));
    List<Instant> effective = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(r -> r instanceof Observation).map(r -> ((Observation) r).getEffectiveDateTimeType().getValue().toInstant())
        .toList();
    assertEquals(List.of(OPENED.plusSeconds(20), OPENED.plusSeconds(32)), effective,
        "the skewed monitor's value at its arrival; the other at its own clock, 2 s off, within the bound");
  }

  @Test
  void intellivueCuffPressuresMakeTheBloodPressurePanel() {
    // An IntelliVue names NIBP MDC_PRESS_BLD_NONINV_* (150021/150022), other monitors MDC_PRESS_CUFF_*.
    event("vitals.observation", "monitor-2", OPENED.plusSeconds(30), 30, "{\"protocol\":\"intellivue\","
        + "\"observations\":[{\"code\":\"MDC_PRESS_BLD_NONINV_SYS\",\"mdc\":150021,\"value\":118,\"unit\":\"mm[Hg]\"},"
        + "{\"code\":\"MDC_PRESS_BLD_NONINV_DIA\",\"mdc\":150022,\"value\":76,\"unit\":\"mm[Hg]\"}]}");
    Procedure closed = new Procedure("p1", "room-1", "TPI", "PAT-42", Procedure.State.CLOSED, OPENED,
        OPENED.plusSeconds(600), events.size(), true, null, null, "recovery", OPENED.plusSeconds(8));
    Observation panel = (Observation) FhirBundle.bundle(closed, events).getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource).filter(r -> r instanceof Observation).findFirst().orElseThrow();
    assertEquals("85354-9", panel.getCode().getCodingFirstRep().getCode());
    assertEquals(List.of("8480-6", "8462-4"), panel.getComponent().stream()
        .map(c -> c.getCode().getCodingFirstRep().getCode()).toList());
    assertEquals(118.0, panel.getComponentFirstRep().getValueQuantity().getValue().doubleValue());
  }

  @Test
  void aWaveformWindowIsAnObservationWithSampledData() {
    event("staff.injection", "staff", null, 50, "{\"site\":\"left upper trapezius\",\"drugs\":[\"lidocaine 1%\"],"
        + "\"volumeMl\":2,\"enteredBy\":\"dr\"}");
    Procedure closed = new Procedure("p1", "room-1", "TPI", "PAT-42", Procedure.State.CLOSED, OPENED,
        OPENED.plusSeconds(600), events.size(), true, null, null, "recovery", OPENED.plusSeconds(8));
    org.procroom.gateway.waves.StoredWave strip = new org.procroom.gateway.waves.StoredWave("monitor-2",
        new org.procroom.gateway.api.WaveSegment("II", "MDC_ECG_ELEC_POTL_II", 131330, "mV", java.time.Duration.ofMillis(2),
            0.005, -40.96, 640, OPENED.plusSeconds(45), OPENED.plusSeconds(45), new int[] {8192, 8300, 8191}, List.of(),
            null));
    Bundle bundle = (Bundle) FhirBundle.context().newJsonParser().parseResource(FhirBundle.json(closed, events,
        FhirBundle.PATIENT_IDS, FhirBundle.Values.UNVALIDATED, null, List.of(strip)));
    Observation wave = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(r -> r instanceof Observation o && o.hasValueSampledData()).map(Observation.class::cast).findFirst()
        .orElseThrow();
    assertEquals("131330", wave.getCode().getCodingFirstRep().getCode());
    assertEquals("urn:iso:std:iso:11073:10101", wave.getCode().getCodingFirstRep().getSystem());
    org.hl7.fhir.r4.model.SampledData data = wave.getValueSampledData();
    assertEquals("8192 8300 8191", data.getData());
    assertEquals(2.0, data.getPeriod().doubleValue());
    assertEquals(0.005, data.getFactor().doubleValue());
    assertEquals(-40.96, data.getOrigin().getValue().doubleValue());
    assertEquals("mV", data.getOrigin().getCode());
    assertEquals(java.util.Date.from(OPENED.plusSeconds(45)), wave.getEffectivePeriod().getStart());
    assertEquals(java.util.Date.from(OPENED.plusSeconds(45).plusMillis(6)), wave.getEffectivePeriod().getEnd());
    assertEquals("monitor-2", wave.getDevice().getDisplay());
  }
}
