package org.procroom.gateway.record;

import java.util.Date;
import java.util.List;
import java.util.StringJoiner;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SampledData;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.procroom.gateway.api.WaveSegment;
import org.procroom.gateway.waves.StoredWave;

/**
 * The record's waveform windows in the bundle: one Observation per strip (a run of consecutive
 * samples of one channel), its samples as SampledData in the device's raw values with the factor
 * and origin that make them physical, as the device sent them (value = origin + factor x raw).
 */
final class WaveObservations {
  private WaveObservations() {}

  private static org.hl7.fhir.r4.model.DateTimeType milli(java.time.Instant t) {
    return new org.hl7.fhir.r4.model.DateTimeType(Date.from(t), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
        java.util.TimeZone.getTimeZone("UTC"));
  }

  static void add(Bundle bundle, List<StoredWave> strips, Reference subject, Reference partOf, String procedureId,
      Observation.ObservationStatus status) {
    for (StoredWave strip : strips) {
      WaveSegment s = strip.segment();
      Observation o = new Observation();
      o.setStatus(status);
      o.addCategory().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
          "procedure", "Procedure"));
      CodeableConcept code = new CodeableConcept().setText(s.channel());
      if (s.mdc() != null) {
        code.addCoding(new Coding(FhirBundle.MDC, Integer.toString(s.mdc()), s.code()));
      } else if (s.code() != null) {
        code.addCoding(new Coding("urn:procroom:device-term", s.code(), null));
      }
      o.setCode(code).setSubject(subject).addPartOf(partOf);
      o.setDevice(new Reference().setDisplay(strip.deviceId()));
      // to the millisecond: a strip is seconds long and its samples milliseconds apart
    o.setEffective(new Period().setStartElement(milli(strip.start())).setEndElement(milli(strip.end())));
      SimpleQuantity origin = new SimpleQuantity();
      origin.setValue(s.offset());
      if (s.unit() != null) {
        origin.setUnit(s.unit()).setSystem("http://unitsofmeasure.org").setCode(s.unit());
      }
      StringJoiner data = new StringJoiner(" ");
      for (int i = 0; i < s.size(); i++) {
        data.add(Integer.toString(s.raw(i)));
      }
      o.setValue(new SampledData().setOrigin(origin).setPeriod(s.samplePeriod().toNanos() / 1e6).setFactor(s.scale())
          .setDimensions(1).setData(data.toString()));
      if (s.deviceTime() == null) {
        o.addNote().setText("timed by the gateway's receipt: the device sent no time for these samples");
      }
      if (!s.flags().isEmpty()) {
        o.addNote().setText("the device marked these samples: " + String.join(", ", s.flags()));
      }
      FhirBundle.add(bundle, o, o.addIdentifier().setSystem(FhirBundle.ENTRY_IDS)
          .setValue(procedureId + "/wave/" + strip.deviceId() + "/" + s.channel().replaceAll("[^A-Za-z0-9._-]", "-") + "/"
              + s.firstSequence()));
    }
  }
}
