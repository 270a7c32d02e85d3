package org.procroom.gateway.record;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.store.Procedure;

/**
 * The closed record as a FHIR R4 transaction Bundle for the charting system: the Procedure,
 * Observations (vitals with LOINC and MDC codes; pain scores), Medications with GTIN, lot and
 * expiry as scanned, MedicationAdministrations per injection, and the ImagingStudy. A vital sign's
 * effective time is the monitor's clock; {@code issued} is the gateway's receive time, so the chart
 * can tell the two apart. Every entry is a conditional create on the record's own identifier (the
 * event's id, the procedure's, the study's UID), with a full URL derived from it: the same record
 * gives the same bundle, and a server that already filed an entry does not file it again.
 * Vital signs are those received while the room's devices were associated with the identified
 * patient, and claim the R4 vital-signs profiles where their LOINC code has one; a blood pressure
 * taken as systolic and diastolic together is one panel (85354-9) with both as components.
 */
public final class FhirBundle {
  static final String MDC = "urn:iso:std:iso:11073:10101";
  private static final String LOINC = "http://loinc.org";
  private static final String GTIN = "https://www.gs1.org/gtin";
  /** The identifier system of patient ids when the site names none. */
  public static final String PATIENT_IDS = "urn:procroom:patient";
  private static final String PROCEDURE_IDS = "urn:procroom:procedure";
  static final String ENTRY_IDS = "urn:procroom:record-entry";
  private static final String MEDICATION_IDS = "urn:procroom:medication";
  private static final String PROFILE = "http://hl7.org/fhir/StructureDefinition/";
  /** The R4 profile a LOINC vital sign claims beside the base vitalsigns profile. */
  private static final Map<String, String> VITALS_PROFILE = Map.of("8867-4", "heartrate", "2708-6", "oxygensat",
      "9279-1", "resprate", "8310-5", "bodytemp", "85354-9", "bp");
  // IntelliVue names cuff pressures MDC_PRESS_BLD_NONINV_*, other monitors MDC_PRESS_CUFF_*: the same LOINC.
  private static final Map<String, String[]> VITALS_LOINC = Map.ofEntries(
      Map.entry("MDC_ECG_HEART_RATE", new String[] {"8867-4", "Heart rate"}),
      Map.entry("MDC_PULS_OXIM_PULS_RATE", new String[] {"8889-8", "Heart rate by Pulse oximetry"}),
      Map.entry("MDC_PULS_OXIM_SAT_O2", new String[] {"2708-6", "Oxygen saturation in Arterial blood",
          "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"}),
      Map.entry("MDC_PRESS_CUFF_SYS", new String[] {"8480-6", "Systolic blood pressure"}),
      Map.entry("MDC_PRESS_CUFF_DIA", new String[] {"8462-4", "Diastolic blood pressure"}),
      Map.entry("MDC_PRESS_CUFF_MEAN", new String[] {"8478-0", "Mean blood pressure"}),
      Map.entry("MDC_PRESS_BLD_NONINV_SYS", new String[] {"8480-6", "Systolic blood pressure"}),
      Map.entry("MDC_PRESS_BLD_NONINV_DIA", new String[] {"8462-4", "Diastolic blood pressure"}),
      Map.entry("MDC_PRESS_BLD_NONINV_MEAN", new String[] {"8478-0", "Mean blood pressure"}),
      Map.entry("MDC_RESP_RATE", new String[] {"9279-1", "Respiratory rate"}),
      Map.entry("MDC_TEMP_BODY", new String[] {"8310-5", "Body temperature"}));

  private static volatile FhirContext context;

  private FhirBundle() {}

  /** One context for the process: building it is slow. */
  public static FhirContext context() {
    if (context == null) {
      synchronized (FhirBundle.class) {
        if (context == null) {
          context = FhirContext.forR4();
        }
      }
    }
    return context;
  }

  /**
   * Which of the record's device values the bundle holds, and whether a nurse validated them: every
   * value received during the association, unvalidated (the EHR validates: status preliminary, as
   * OBX-11 R), or only those a nurse released on the gateway (final, as OBX-11 F).
   *
   * @param included by the value's event id and MDC reference id
   */
  public record Values(java.util.function.BiPredicate<String, String> included, boolean validated) {
    public static final Values UNVALIDATED = new Values((eventId, code) -> true, false);
  }

  /** With the room's own patient identifier system ({@code urn:procroom:patient}). */
  public static String json(Procedure p, List<DeviceEvent> events) {
    return json(p, events, PATIENT_IDS, Values.UNVALIDATED);
  }

  /** {@code patientSystem}: the identifier system of the site's patient ids, as its FHIR server knows them. */
  public static String json(Procedure p, List<DeviceEvent> events, String patientSystem, Values values) {
    return json(p, events, patientSystem, values, null);
  }

  /** With {@code reportPdf}, the clinical report as printed joins the bundle as a DocumentReference. */
  public static String json(Procedure p, List<DeviceEvent> events, String patientSystem, Values values,
      byte[] reportPdf) {
    return json(p, events, patientSystem, values, reportPdf, List.of());
  }

  /** With {@code waveStrips}, the record's waveform windows join the bundle as Observations with SampledData. */
  public static String json(Procedure p, List<DeviceEvent> events, String patientSystem, Values values,
      byte[] reportPdf, List<org.procroom.gateway.waves.StoredWave> waveStrips) {
    Bundle bundle = bundle(p, events, patientSystem, values);
    if (!waveStrips.isEmpty()) {
      org.hl7.fhir.r4.model.Procedure procedure = (org.hl7.fhir.r4.model.Procedure) bundle.getEntryFirstRep().getResource();
      WaveObservations.add(bundle, waveStrips, procedure.getSubject(), new Reference(bundle.getEntryFirstRep().getFullUrl()),
          p.id(), values.validated() ? Observation.ObservationStatus.FINAL : Observation.ObservationStatus.PRELIMINARY);
    }
    if (reportPdf != null) {
      Reference subject = ((org.hl7.fhir.r4.model.Procedure) bundle.getEntryFirstRep().getResource()).getSubject();
      add(bundle, ReportDocument.of(p, reportPdf, subject, new Reference(bundle.getEntryFirstRep().getFullUrl()),
          PROCEDURE_IDS), new Identifier().setSystem(PROCEDURE_IDS).setValue(p.id() + "/report"));
    }
    return context().newJsonParser().encodeResourceToString(bundle);
  }

  public static Bundle bundle(Procedure p, List<DeviceEvent> events) {
    return bundle(p, events, PATIENT_IDS, Values.UNVALIDATED);
  }

  /**
   * The subject of every resource is a conditional reference to the site's Patient by identifier,
   * which the server resolves inside the transaction (none, or more than one, and it refuses the
   * bundle), with the identifier beside it for readers that do not resolve.
   */
  public static Bundle bundle(Procedure p, List<DeviceEvent> events, String patientSystem, Values values) {
    Bundle bundle = new Bundle();
    bundle.setType(Bundle.BundleType.TRANSACTION);
    bundle.setIdentifier(new Identifier().setSystem(PROCEDURE_IDS).setValue(p.id()));
    Reference subject = new Reference("Patient?identifier=" + token(patientSystem) + "|" + token(p.patientRef()))
        .setType("Patient").setIdentifier(new Identifier().setSystem(patientSystem).setValue(p.patientRef()));

    org.hl7.fhir.r4.model.Procedure procedure = new org.hl7.fhir.r4.model.Procedure();
    procedure.addIdentifier().setSystem(PROCEDURE_IDS).setValue(p.id());
    procedure.setStatus(p.closedAt() == null ? org.hl7.fhir.r4.model.Procedure.ProcedureStatus.INPROGRESS
        : org.hl7.fhir.r4.model.Procedure.ProcedureStatus.COMPLETED);
    procedure.setCode(new CodeableConcept().setText(p.procedureType().equals("TPI") ? "Trigger point injection"
        : p.procedureType()).addCoding(new Coding("urn:procroom:procedure-type", p.procedureType(), null)));
    procedure.setSubject(subject);
    procedure.setPerformed(new Period().setStart(Date.from(p.openedAt()))
        .setEnd(p.closedAt() == null ? null : Date.from(p.closedAt())));
    String procedureUrl = add(bundle, procedure, procedure.getIdentifierFirstRep());
    Reference partOf = new Reference(procedureUrl);

    Map<String, String> medicationUrls = new LinkedHashMap<>();
    List<JsonNode> scanned = new ArrayList<>();
    Map<JsonNode, String> keys = new java.util.IdentityHashMap<>();
    ImagingStudy study = null;
    for (DeviceEvent e : events) {
      JsonNode payload = e.payload();
      switch (e.type()) {
        case EventTypes.STAFF_TRIGGER_POINT -> procedure.addBodySite().setText(payload.path("muscle").asText() + ", "
            + payload.path("side").asText());
        case EventTypes.VITALS_OBSERVATION -> {
          // Values before the patient was identified are the room's, not the patient's.
          if (p.associatedAt() != null && !e.receivedAt().isBefore(p.associatedAt())) {
            vitals(bundle, e, subject, partOf, values);
          }
        }
        case EventTypes.STAFF_PAIN_SCORE -> {
          Observation pain = new Observation();
          pain.setStatus(Observation.ObservationStatus.FINAL);
          pain.setCode(new CodeableConcept().addCoding(new Coding(LOINC, "72514-3",
              "Pain severity - 0-10 verbal numeric rating [Score] - Reported")));
          pain.setSubject(subject).addPartOf(partOf);
          pain.setEffective(new DateTimeType(Date.from(e.receivedAt())));
          pain.setValue(new IntegerType(payload.path("score").asInt()));
          pain.addNote().setText("pain " + payload.path("timing").asText() + " the injection, entered by "
              + payload.path("enteredBy").asText());
          add(bundle, pain, pain.addIdentifier().setSystem(ENTRY_IDS).setValue(e.eventId()));
        }
        case EventTypes.BARCODE_SCAN -> {
          if (payload.path("classification").asText().equals("medication")) {
            scanned.add(payload);
          }
          if (ScannedVials.usable(payload)) {
            String key = productKey(payload, e.eventId());
            medicationUrls.computeIfAbsent(key, k -> {
              Medication m = medication(payload);
              return add(bundle, m, m.addIdentifier().setSystem(MEDICATION_IDS)
                  .setValue(UUID.nameUUIDFromBytes(k.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()));
            });
            keys.put(payload, key);
          }
        }
        case EventTypes.STAFF_INJECTION -> {
          int n = 0;
          for (JsonNode drug : payload.path("drugs")) {
            MedicationAdministration given = new MedicationAdministration();
            given.addIdentifier().setSystem(ENTRY_IDS).setValue(e.eventId() + "/" + n++);
            given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
            given.setSubject(subject).addPartOf(partOf);
            given.setEffective(new DateTimeType(Date.from(e.receivedAt())));
            String url = match(drug.asText(), scanned, keys, medicationUrls);
            if (url != null) {
              given.setMedication(new Reference(url));
            } else {
              given.setMedication(new CodeableConcept().setText(drug.asText()));
            }
            given.addPerformer().setActor(new Reference().setDisplay(payload.path("enteredBy").asText()));
            given.setDosage(new MedicationAdministration.MedicationAdministrationDosageComponent()
                .setSite(new CodeableConcept().setText(payload.path("site").asText()))
                .setText(payload.path("volumeMl").asText() + " mL of the mixture")
                .setDose(new Quantity().setValue(payload.path("volumeMl").asDouble()).setUnit("mL")
                    .setSystem("http://unitsofmeasure.org").setCode("mL")));
            add(bundle, given, given.getIdentifierFirstRep());
          }
        }
        case EventTypes.DICOM_STORED -> {
          if (study == null) {
            study = new ImagingStudy();
            study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
            study.addIdentifier().setSystem("urn:dicom:uid").setValue("urn:oid:" + payload.path("studyInstanceUid").asText());
            study.setSubject(subject);
            study.setStarted(Date.from(e.deviceTime() != null ? e.deviceTime() : e.receivedAt()));
            study.setProcedureReference(partOf);
          }
          ImagingStudy.ImagingStudySeriesComponent series = series(study, payload);
          series.addInstance().setUid(payload.path("sopInstanceUid").asText())
              .setSopClass(new Coding("urn:ietf:rfc:3986", "urn:oid:" + payload.path("sopClassUid").asText(), null));
          series.setNumberOfInstances(series.getInstance().size());
          study.setNumberOfInstances(study.getSeries().stream().mapToInt(s -> s.getInstance().size()).sum());
        }
        default -> { }
      }
    }
    if (study != null) {
      study.setNumberOfSeries(study.getSeries().size());
      add(bundle, study, study.getIdentifierFirstRep());
    }
    return bundle;
  }

  private static void vitals(Bundle bundle, DeviceEvent e, Reference subject, Reference partOf, Values chosen) {
    List<JsonNode> values = new ArrayList<>();
    e.payload().path("observations").forEach(o -> {
      if (o.has("value") && chosen.included().test(e.eventId(), o.path("code").asText())) {
        values.add(o);
      }
    });
    Observation.ObservationStatus status = chosen.validated() ? Observation.ObservationStatus.FINAL
        : Observation.ObservationStatus.PRELIMINARY;
    JsonNode systolic = find(values, "MDC_PRESS_CUFF_SYS", "MDC_PRESS_BLD_NONINV_SYS");
    JsonNode diastolic = find(values, "MDC_PRESS_CUFF_DIA", "MDC_PRESS_BLD_NONINV_DIA");
    if (systolic != null && diastolic != null) {
      Observation panel = vital(e, subject, partOf, status, new CodeableConcept().addCoding(new Coding(LOINC, "85354-9",
          "Blood pressure panel with all children optional")));
      for (JsonNode part : List.of(systolic, diastolic)) {
        panel.addComponent().setCode(code(part)).setValue(quantity(part));
      }
      add(bundle, panel, panel.addIdentifier().setSystem(ENTRY_IDS).setValue(e.eventId() + "/bp"));
      values.remove(systolic);
      values.remove(diastolic);
    }
    for (JsonNode o : values) {
      Observation vital = vital(e, subject, partOf, status, code(o)).setValue(quantity(o));
      vital.setDevice(new Reference().setDisplay(e.deviceId()));
      // Its place in the event: the event is immutable, and a device's channel names are not query-safe.
      int place = 0;
      while (e.payload().path("observations").get(place) != o) {
        place++;
      }
      add(bundle, vital, vital.addIdentifier().setSystem(ENTRY_IDS).setValue(e.eventId() + "/" + place));
    }
  }

  private static JsonNode find(List<JsonNode> values, String... codes) {
    List<String> wanted = List.of(codes);
    return values.stream().filter(o -> wanted.contains(o.path("code").asText())).findFirst().orElse(null);
  }

  private static Observation vital(DeviceEvent e, Reference subject, Reference partOf, Observation.ObservationStatus status,
      CodeableConcept code) {
    Observation vital = new Observation();
    vital.setStatus(status);
    vital.addCategory().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
        "vital-signs", "Vital Signs"));
    String loinc = code.getCoding().stream().filter(c -> LOINC.equals(c.getSystem())).map(Coding::getCode)
        .findFirst().orElse(null);
    // The base profile only where a LOINC vital-sign code stands beside the MDC one: it binds the code.
    if (loinc != null) {
      vital.getMeta().addProfile(PROFILE + "vitalsigns");
      if (VITALS_PROFILE.containsKey(loinc)) {
        vital.getMeta().addProfile(PROFILE + VITALS_PROFILE.get(loinc));
      }
    }
    vital.setCode(code).setSubject(subject).addPartOf(partOf);
    vital.setEffective(new DateTimeType(Date.from(ChartTime.of(e))));
    vital.setIssued(Date.from(e.receivedAt()));
    return vital;
  }

  private static CodeableConcept code(JsonNode o) {
    CodeableConcept code = new CodeableConcept();
    String[] loinc = VITALS_LOINC.get(o.path("code").asText());
    if (loinc != null) {
      for (int i = 0; i < loinc.length; i += 2) {
        code.addCoding(new Coding(LOINC, loinc[i], loinc[i + 1]));
      }
    }
    return code.addCoding(new Coding(MDC, o.path("mdc").asText(), o.path("code").asText()));
  }

  private static Quantity quantity(JsonNode o) {
    return new Quantity().setValue(o.path("value").asDouble()).setUnit(o.path("unit").asText())
        .setSystem("http://unitsofmeasure.org").setCode(o.path("unit").asText());
  }

  private static Medication medication(JsonNode scan) {
    Medication m = new Medication();
    JsonNode product = scan.path("product");
    CodeableConcept code = new CodeableConcept().setText(product.path("name").asText() + " "
        + product.path("strength").asText(""));
    if (!scan.path("decoded").path("gtin").asText().isEmpty()) {
      code.addCoding(new Coding(GTIN, scan.path("decoded").path("gtin").asText(), null));
    }
    if (!scan.path("decoded").path("ndc").asText().isEmpty()) {
      code.addCoding(new Coding("http://hl7.org/fhir/sid/ndc", scan.path("decoded").path("ndc").asText(), null));
    }
    m.setCode(code);
    Medication.MedicationBatchComponent batch = new Medication.MedicationBatchComponent();
    batch.setLotNumber(scan.path("decoded").path("lot").asText(null));
    if (scan.path("decoded").hasNonNull("expiry")) {
      batch.setExpirationDate(java.sql.Date.valueOf(scan.path("decoded").path("expiry").asText()));
    }
    m.setBatch(batch);
    return m;
  }

  /**
   * Which Medication a scanned vial is: its product code (GTIN, NDC, PPN, PZN or HIBC labeler and
   * product) with its lot, shared by every record that scanned the same; a vial whose barcode names
   * no product code is a Medication of its own scan, so two products are never one.
   */
  private static String productKey(JsonNode scan, String scanEventId) {
    JsonNode d = scan.path("decoded");
    String lot = "|lot:" + d.path("lot").asText("");
    for (String field : List.of("gtin", "ndc", "ppn", "pzn")) {
      if (!d.path(field).asText("").isEmpty()) {
        return field + ":" + d.path(field).asText() + lot;
      }
    }
    if (!d.path("labeler").asText("").isEmpty() && !d.path("product").asText("").isEmpty()) {
      return "hibc:" + d.path("labeler").asText() + "/" + d.path("product").asText() + lot;
    }
    return "scan:" + scanEventId;
  }

  /** The Medication of the scanned vial an injected drug names (ScannedVials), or null. */
  private static String match(String drug, List<JsonNode> scanned, Map<JsonNode, String> keys, Map<String, String> urls) {
    return ScannedVials.forDrug(drug, scanned).filter(ScannedVials::usable).map(scan -> urls.get(keys.get(scan)))
        .orElse(null);
  }

  private static ImagingStudy.ImagingStudySeriesComponent series(ImagingStudy study, JsonNode payload) {
    String uid = payload.path("seriesInstanceUid").asText();
    for (ImagingStudy.ImagingStudySeriesComponent s : study.getSeries()) {
      if (s.getUid().equals(uid)) {
        return s;
      }
    }
    ImagingStudy.ImagingStudySeriesComponent s = study.addSeries().setUid(uid);
    s.setModality(new Coding("http://dicom.nema.org/resources/ontology/DCM", payload.path("modality").asText(), null));
    return s;
  }

  /** A search token's part as FHIR escapes it (search.html#escaping). */
  private static String token(String value) {
    return value.replace("\\", "\\\\").replace("|", "\\|").replace(",", "\\,").replace("$", "\\$");
  }

  /** A conditional create on the resource's own identifier, under a full URL derived from it. */
  static String add(Bundle bundle, Resource resource, Identifier id) {
    String key = id.getSystem() + "|" + id.getValue();
    String url = "urn:uuid:" + UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    bundle.addEntry().setFullUrl(url).setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.POST)
        .setUrl(resource.fhirType()).setIfNoneExist("identifier=" + key);
    return url;
  }
}
