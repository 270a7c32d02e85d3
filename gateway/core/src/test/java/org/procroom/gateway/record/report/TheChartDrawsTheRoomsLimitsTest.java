package org.procroom.gateway.record.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;

/** The alarm band each vitals event applied is drawn on the report's chart, per device, where its panel reaches. */
class TheChartDrawsTheRoomsLimitsTest {
  private static final Instant OPENED = Instant.parse("2026-12-03T10:00:00Z");

  private static DeviceEvent vitals(int n, String device, double heartRate) {
    return new DeviceEvent("e" + n, n, "room-1", "p1", (long) n, device, "vitals-monitor", "vitals.observation", null,
        OPENED.plusSeconds(10L * n), EventJson.parse("{\"observations\":[{\"code\":\"MDC_ECG_HEART_RATE\",\"mdc\":147842,"
            + "\"value\":" + heartRate + ",\"unit\":\"/min\"}],\"limits\":{\"MDC_ECG_HEART_RATE\":{\"low\":50,\"high\":120}}}"));
  }

  @Test
  void lowAndHighOfTheHeartRate() {
    Procedure p = new Procedure("p1", "room-1", "TPI", "PAT-1", Procedure.State.CLOSED, OPENED, OPENED.plusSeconds(60), 3,
        true, null, null, "recovery", OPENED);
    String xhtml = ClinicalReport.xhtml(p, List.of(vitals(1, "monitor-1", 72), vitals(2, "monitor-1", 44)), ZoneOffset.UTC);
    Matcher m = Pattern.compile("<line class=\"limit\"[^>]*><title>(\\w+ limit \\d+)</title>").matcher(xhtml);
    List<String> drawn = new java.util.ArrayList<>();
    while (m.find()) {
      drawn.add(m.group(1));
    }
    assertEquals(List.of("low limit 50", "high limit 120"), drawn);
    assertTrue(xhtml.contains("data-device=\"monitor-1\""), "under its device's series");
  }
}
