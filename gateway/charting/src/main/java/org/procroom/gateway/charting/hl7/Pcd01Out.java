package org.procroom.gateway.charting.hl7;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.procroom.drivers.vitals.terms.MdcUnits;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.record.ChartTime;
import org.procroom.gateway.store.DeliveryRouter;
import org.procroom.gateway.store.Procedure;

/**
 * The vitals of a procedure's record as IHE PCD-01 ORU^R01 (PCD TF-2, HL7 v2.6) for the interface
 * engine, queued in the event's own transaction. What is charted, per device, vital sign and channel:
 * the first valid value received in each charting interval stands for that interval; every episodic
 * value (NIBP) and every value outside the room's limits goes as it comes. A value the gateway holds
 * as no value (a sentinel, a withdrawn result, an implausible number) is never charted, nor is
 * anything outside a record. With the EHR validating ({@code charting.review: ehr}) values go at once
 * as unvalidated results (OBX-11 R); with a nurse reviewing them on the gateway ({@code gateway})
 * they are held until released and go as validated results (F).
 */
public final class Pcd01Out implements DeliveryRouter {
  public static final String QUEUE = "hl7";
  private final Hl7Settings settings;
  private final Hl7Segments segments;
  private final String room;
  private final boolean reviewed;

  /** {@code reviewed}: a nurse releases the values on the gateway before they go. */
  public Pcd01Out(Hl7Settings settings, String room, GatewayClock clock, boolean reviewed) {
    this.settings = settings;
    this.reviewed = reviewed;
    this.segments = new Hl7Segments(settings, room, clock);
    this.room = room;
  }

  @Override
  public List<Delivery> deliveries(DeviceEvent event, Procedure procedure, Slots slots) {
    // Only while the room's devices are associated with an identified patient (docs/hl7-out.md).
    if (!event.type().equals(EventTypes.VITALS_OBSERVATION) || procedure.associatedAt() == null) {
      return List.of();
    }
    JsonNode payload = event.payload();
    List<JsonNode> charted = new ArrayList<>();
    for (JsonNode o : payload.path("observations")) {
      if (chartable(o) && (episodic(o) || outsideLimits(payload, o)
          || slots.claim(QUEUE, procedure.id(), slot(event, o)))) {
        charted.add(o);
      }
    }
    if (charted.isEmpty()) {
      return List.of();
    }
    return List.of(new Delivery(QUEUE, event.eventId(), message(event, procedure, charted).getBytes(StandardCharsets.UTF_8),
        reviewed));
  }

  /** An MDC-coded patient value: vendor codes and "no value" entries are never charted. */
  private static boolean chartable(JsonNode o) {
    return o.path("value").isNumber() && !o.hasNonNull("status") && o.path("mdc").isInt()
        && "MDC".equals(o.path("codingSystem").asText("MDC"));
  }

  private static boolean episodic(JsonNode o) {
    return "APERIODIC".equals(o.path("method").asText());
  }

  /** The driver's limit findings name the code of the value they are about. */
  private static boolean outsideLimits(JsonNode payload, JsonNode o) {
    for (JsonNode f : payload.path("findings")) {
      String code = f.path("code").asText();
      if ((code.equals("BELOW_LIMIT") || code.equals("ABOVE_LIMIT"))
          && f.path("message").asText().startsWith(o.path("code").asText() + " ")) {
        return true;
      }
    }
    return false;
  }

  /** Device, vital sign, channel and the interval the gateway received it in. */
  private String slot(DeviceEvent event, JsonNode o) {
    long seconds = settings.interval().toSeconds();
    long start = Math.floorDiv(event.receivedAt().getEpochSecond(), seconds) * seconds;
    return event.deviceId() + "|" + o.path("code").asText() + "|" + o.path("channel").asText("") + "|"
        + Instant.ofEpochSecond(start);
  }

  String message(DeviceEvent event, Procedure procedure, List<JsonNode> observations) {
    Instant deviceTime = ChartTime.of(event);
    StringBuilder m = new StringBuilder();
    segments.msh(m, "ORU^R01^ORU_R01", event.eventId(), true);
    segments.patient(m, procedure);
    m.append("OBR|1|").append(procedure.id()).append("^PROCROOM|").append(event.eventId())
        .append("^PROCROOM|182777000^monitoring of patient^SCT|||").append(Hl7Text.time(deviceTime)).append('\r');
    String equipment = Hl7Text.escape(event.deviceId()) + "^" + Hl7Text.escape(room);
    m.append("OBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1|||||||X|||||||").append(equipment).append('\r');
    int n = 1;
    for (JsonNode o : observations) {
      n++;
      Instant observed = o.hasNonNull("observedAt") ? Instant.parse(o.get("observedAt").asText()) : deviceTime;
      String metricEquipment = o.hasNonNull("equipmentId")
          ? Hl7Text.escape(o.get("equipmentId").asText()) + "^^" + Hl7Text.escape(o.get("equipmentId").asText()) + "^EUI-64"
          : equipment;
      m.append("OBX|").append(n).append("|NM|").append(o.path("mdc").asInt()).append('^')
          .append(Hl7Text.escape(o.path("code").asText())).append("^MDC|1.0.0.").append(n - 1).append('|')
          .append(Hl7Text.number(o.path("value").asDouble())).append('|').append(unit(o.path("unit").asText("")))
          .append("|||||").append(reviewed ? 'F' : 'R').append("|||").append(Hl7Text.time(observed)).append("|||")
          .append(method(o)).append('|').append(metricEquipment).append('\r');
    }
    return m.toString();
  }

  /**
   * OBX-17: the measurement method as the monitor sent it in its own PCD-01 OBX-17 (e.g.
   * {@code AMEAS^MDC}); empty where the gateway does not know it (other protocols, or only the
   * episodic/periodic mode), rather than a method guessed.
   */
  private static String method(JsonNode o) {
    String sent = o.path("method").asText("");
    return sent.contains("^") && sent.matches("[A-Za-z0-9_ .^~-]+") ? sent : "";
  }

  /** OBX-6: the MDC unit where the UCUM unit names exactly one, with UCUM beside it; else UCUM alone. */
  static String unit(String ucum) {
    if (ucum.isEmpty()) {
      return "";
    }
    String u = Hl7Text.escape(ucum);
    return MdcUnits.table().dimension(ucum)
        .map(d -> d.code() + "^" + d.name() + "^MDC^" + u + "^" + u + "^UCUM")
        .orElse(u + "^" + u + "^UCUM");
  }

  /** The charting interval, for the documentation and the dashboard. */
  public Duration interval() {
    return settings.interval();
  }
}
