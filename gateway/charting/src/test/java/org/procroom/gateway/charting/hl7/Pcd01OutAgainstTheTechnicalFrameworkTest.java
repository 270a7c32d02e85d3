package org.procroom.gateway.charting.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.charting.review.ChartedValues;
import org.procroom.gateway.store.Procedure;
import org.procroom.testkit.TestPaths;

/**
 * The encoder against a published message: the IHE PCD TF-2 E.12 episodic NIBP example (UCUM
 * units; the PCD-01 corpus of drivers/vitals, SOURCES.md there). The same measurement, as the
 * vitals driver commits it, becomes OBX results that agree with the example's in every field the
 * gateway claims: OBX-2, OBX-3, OBX-5, OBX-6 (the UCUM triplet), OBX-11 and OBX-14 to the second.
 * OBX-4 (containment) and OBX-18 (equipment) name the sender, so they differ by design.
 */
class Pcd01OutAgainstTheTechnicalFrameworkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theEpisodicNibpExampleAsTheGatewayWritesIt() throws Exception {
    String example = Files.readString(TestPaths.repo().resolve("drivers/vitals/src/test/resources/org/procroom/drivers"
        + "/vitals/pcd01/corpus/02-ihe-tf2-e12-episodic-nibp-ucum.hl7"), StandardCharsets.UTF_8);
    Instant measured = Instant.parse("2011-06-02T04:58:42Z");
    DeviceEvent event = new DeviceEvent("0190a1b2-0000-7000-8000-0000000000e1", 1, "room-7", "p1", 2L, "nibp-1",
        "vitals-monitor", "vitals.observation", measured, measured.plusMillis(300), JSON.readTree("""
            {"protocol":"pcd01","severity":"ok","findings":[],"observations":[
             {"code":"MDC_PRESS_BLD_NONINV_SYS","mdc":150021,"codingSystem":"MDC","value":111,"unit":"mm[Hg]","method":"APERIODIC"},
             {"code":"MDC_PRESS_BLD_NONINV_DIA","mdc":150022,"codingSystem":"MDC","value":60,"unit":"mm[Hg]","method":"APERIODIC"},
             {"code":"MDC_PRESS_BLD_NONINV_MEAN","mdc":150023,"codingSystem":"MDC","value":80,"unit":"mm[Hg]","method":"APERIODIC"},
             {"code":"MDC_PULS_RATE_NON_INV","mdc":149546,"codingSystem":"MDC","value":63,"unit":"{beat}/min","method":"APERIODIC"}
            ]}"""));
    Procedure procedure = new Procedure("p1", "room-7", "TPI", "12345", Procedure.State.OPEN, measured.minusSeconds(60),
        null, 1, true, "BEDS^TEDSONS", null, "assessment", measured.minusSeconds(60));
    Hl7Settings settings = new Hl7Settings("127.0.0.1", 2575, "PROCROOM", "", "", "", "A", Duration.ofMinutes(1),
        Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60));
    String ours = new String(new Pcd01Out(settings, "room-7", GatewayClock.system(), false)
        .deliveries(event, procedure, (q, p, s) -> true).get(0).payload(), StandardCharsets.UTF_8);

    List<ChartedValues.Value> published = ChartedValues.read(example);
    List<ChartedValues.Value> written = ChartedValues.read(ours);
    assertEquals(published.size(), written.size());
    for (int i = 0; i < published.size(); i++) {
      ChartedValues.Value p = published.get(i);
      ChartedValues.Value w = written.get(i);
      assertEquals(List.of(p.mdc(), p.code(), p.value(), p.unit(), p.status(), p.time()),
          List.of(w.mdc(), w.code(), w.value(), w.unit(), w.status(), w.time().substring(0, 14)), "OBX of " + p.code());
    }
  }
}
