package org.procroom.drivers.vitals;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What one message from a monitor says: the observations at one device time.
 *
 * @param protocol         {@code s5}, {@code masimo} or {@code pcd01}
 * @param deviceTime       the monitor's clock, converted to UTC
 * @param controlId        HL7 message control id (PCD-01 only)
 * @param observations     the measurements
 * @param technicalAlerts  device conditions such as {@code sensor off patient}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ObservationSet(String protocol, Instant deviceTime, String controlId, List<Observation> observations,
    List<String> technicalAlerts) {
  public ObservationSet {
    observations = List.copyOf(observations);
    technicalAlerts = List.copyOf(technicalAlerts);
  }
}
