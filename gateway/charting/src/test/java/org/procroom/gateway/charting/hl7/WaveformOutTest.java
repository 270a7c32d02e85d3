package org.procroom.gateway.charting.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.drivers.vitals.pcd01.Pcd01Parser;
import org.procroom.drivers.vitals.pcd01.Pcd01Reading;
import org.procroom.drivers.vitals.terms.VendorProfiles;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.api.WaveSegment;
import org.procroom.gateway.store.DeliveryRouter;
import org.procroom.gateway.store.Procedure;
import org.procroom.gateway.waves.StoredWave;

/**
 * A record's ECG window goes to the interface engine as PCD-01 waveform rows, in the layout of the
 * Mindray field capture in the vitals corpus (NA samples, MDC_ATTR_SAMP_RATE, MDC_ATTR_NU_MSMT_RES):
 * HAPI reads it as a valid ORU^R01, and the gateway's own PCD-01 reader (tested on that capture)
 * reads back the samples, rate, resolution and unit.
 */
class WaveformOutTest {
  private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
  private final Procedure procedure = new Procedure("p1", "room-7", "TPI", "12345", Procedure.State.CLOSED,
      START.minusSeconds(600), START.plusSeconds(60), 1, true, "BEDS^TEDSONS", null, "recovery", START.minusSeconds(600));
  private final Hl7Settings settings = new Hl7Settings("127.0.0.1", 2575, "PROCROOM", "", "", "", "A", Duration.ofMinutes(1),
      Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60));
  private final WaveformOut out = new WaveformOut(settings, "room-7", GatewayClock.system());

  private static StoredWave ecg(double offset) {
    int[] samples = IntStream.range(0, 500).map(i -> (i % 50) * 4 - 100).toArray();
    return new StoredWave("monitor-1", new WaveSegment("II", "MDC_ECG_ELEC_POTL_II", 131330, "mV", Duration.ofMillis(2),
        0.005, offset, 1000, START, START.plusSeconds(1), samples, List.of(), null));
  }

  private static ORU_R01 hapi(DeliveryRouter.Delivery d) throws Exception {
    try (HapiContext hapi = new DefaultHapiContext()) {
      hapi.setModelClassFactory(new CanonicalModelClassFactory("2.6"));
      hapi.setValidationContext(ValidationContextFactory.defaultValidation());
      return (ORU_R01) hapi.getPipeParser().parse(new String(d.payload(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aWindowIsAWaveformMessageHapiReads() throws Exception {
    List<DeliveryRouter.Delivery> deliveries = out.deliveries(procedure, null, List.of(ecg(0)));

    assertEquals(1, deliveries.size());
    assertEquals("wave-p1-1", deliveries.get(0).key(), "the same MSH-10 on every resend");
    ORU_R01 oru = hapi(deliveries.get(0));
    var order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
    assertEquals("69121", order.getOBR().getUniversalServiceIdentifier().getIdentifier().getValue());
    assertEquals("20261204100000+0000", order.getOBR().getObservationDateTime().getValue().replace(".000", ""));
    OBX wave = order.getOBSERVATION(1).getOBX();
    assertEquals(List.of("NA", "131330", "1.0.0.1"), List.of(wave.getValueType().getValue(),
        wave.getObservationIdentifier().getIdentifier().getValue(), wave.getObservationSubID().getValue()));
    assertEquals("monitor-1", wave.getEquipmentInstanceIdentifier(0).getEntityIdentifier().getValue(), "OBX-18");
    String[] values = wave.getObservationValue(0).encode().split("\\^");
    assertEquals(500, values.length);
    assertEquals(List.of("-100", "-96", "-92"), List.of(values[0], values[1], values[2]));
    OBX rate = order.getOBSERVATION(2).getOBX();
    assertEquals(List.of("MDC_ATTR_SAMP_RATE", "1.0.0.1.1", "500"), List.of(rate.getObservationIdentifier().getText()
        .getValue(), rate.getObservationSubID().getValue(), rate.getObservationValue(0).encode()));
    OBX resolution = order.getOBSERVATION(3).getOBX();
    assertEquals(List.of("MDC_ATTR_NU_MSMT_RES", "0.005", "266418"), List.of(resolution.getObservationIdentifier()
        .getText().getValue(), resolution.getObservationValue(0).encode(), resolution.getUnits().getIdentifier().getValue()));
  }

  @Test
  void theGatewaysOwnReaderTakesItBackAsSent() {
    String message = new String(out.deliveries(procedure, null, List.of(ecg(0))).get(0).payload(), StandardCharsets.UTF_8);

    ObservationSet set = new Pcd01Reading(VendorProfiles.defaults()).read(new Pcd01Parser(ZoneOffset.UTC).parse(message).message());

    ObservationSet.Wave w = set.waves().get(0);
    assertNull(w.status(), "storable");
    assertEquals(List.of(500, 2000L, 0.005, "mV", START), List.of(w.count(), w.periodMicros(), w.resolution(), w.unit(),
        w.start()));
    assertEquals(-100.0, w.samples().get(0));
    assertEquals(List.of(), set.observations(), "the attribute rows are the wave's, not values");
  }

  @Test
  void aScaleWithAnOffsetSendsValuesInTheUnit() throws Exception {
    ORU_R01 oru = hapi(out.deliveries(procedure, null, List.of(ecg(-0.5))).get(0));
    var order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
    OBX wave = order.getOBSERVATION(1).getOBX();
    assertEquals("-1", wave.getObservationValue(0).encode().split("\\^")[0], "-100 x 0.005 - 0.5 mV");
    assertEquals("266418", wave.getUnits().getIdentifier().getValue());
    assertEquals(3, order.getOBSERVATIONReps(), "no resolution row");
  }
}
