package org.procroom.gateway.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.procroom.gateway.api.DeviceEvent;

/**
 * The time a value is charted at: the device's, unless the driver found the device's clock out of
 * its bound (a CLOCK_SKEW finding, whose message promises gateway times), then the gateway's.
 */
public final class ChartTime {
  private ChartTime() {}

  public static Instant of(DeviceEvent e) {
    if (e.deviceTime() == null) {
      return e.receivedAt();
    }
    for (JsonNode f : e.payload().path("findings")) {
      if (f.path("code").asText().equals("CLOCK_SKEW")) {
        return e.receivedAt();
      }
    }
    return e.deviceTime();
  }
}
