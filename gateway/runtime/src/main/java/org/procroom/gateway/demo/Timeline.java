package org.procroom.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.procroom.gateway.mqtt.MqttCallbackAdapter;
import org.procroom.gateway.store.EventJson;

/**
 * The demo's live view: a feed consumer like the charting system's, subscribed to the room's
 * topics on the broker, printing one line per event as it arrives (de-duplicated by event id).
 */
public final class Timeline implements AutoCloseable {
  private final MqttClient client;
  private final PrintStream out;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final AtomicLong received = new AtomicLong();

  public Timeline(String brokerUrl, String topicFilter, PrintStream out) throws MqttException {
    this.out = out;
    client = new MqttClient(brokerUrl, "procroom-demo-timeline", new MemoryPersistence());
    client.setCallback(new MqttCallbackAdapter() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        print(topic, message.getPayload());
      }
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options);
    client.subscribe(topicFilter, 1);
  }

  /** Distinct events received so far. */
  public long received() {
    return received.get();
  }

  private void print(String topic, byte[] payload) {
    JsonNode event = EventJson.parse(new String(payload, StandardCharsets.UTF_8));
    if (topic.endsWith("/status")) {
      out.printf("  %-26s  %-5s %-11s broker status: %s%n", event.path("at").asText(), "", "gateway",
          event.path("state").asText());
      return;
    }
    if (!seen.add(event.path("eventId").asText())) {
      return;
    }
    received.incrementAndGet();
    String recordSeq = event.path("recordSeq").isNull() ? "" : "#" + event.path("recordSeq").asText();
    out.printf("  %-26s  %-5s %-11s %-17s %s%n", event.path("receivedAt").asText(), recordSeq,
        event.path("device").path("id").asText(), event.path("type").asText(), summary(event));
  }

  private static String summary(JsonNode event) {
    JsonNode p = event.path("payload");
    return switch (event.path("type").asText()) {
      case "barcode.scan" -> scan(p);
      case "vitals.observation" -> vitals(p);
      case "dicom.stored", "dicom.quarantined" -> "[" + p.path("severity").asText().toUpperCase(java.util.Locale.ROOT)
          + "] " + p.path("modality").asText() + (p.path("frames").asInt() > 1 ? " cine " + p.path("frames").asInt()
          + " frames" : " image") + ", acquired " + p.path("acquisitionTime").asText() + " (modality clock "
          + skew(event) + ")" + (p.path("reason").isNull() ? "" : " - " + p.path("reason").asText());
      case "mpps.started", "mpps.completed", "mpps.discontinued", "mpps.updated", "mpps.refused" ->
          "[" + p.path("severity").asText().toUpperCase(java.util.Locale.ROOT) + "] performed procedure step "
          + p.path("status").asText() + (p.path("reason").isNull() ? "" : " - " + p.path("reason").asText());
      case "vitals.rejected" -> "REJECTED: " + p.path("reason").asText();
      case "patient.identified" -> "patient identified (" + p.path("method").asText() + ")";
      case "barcode.rejected" -> "REJECTED: " + p.path("reason").asText();
      case "device.state" -> p.path("state").asText() + " (" + p.path("reason").asText() + ")";
      case "procedure.opened" -> "procedure " + event.path("procedureId").asText() + " opened (" + p.path("procedureType").asText() + ")";
      case "procedure.closed" -> "procedure closed";
      default -> p.toString();
    };
  }

  /** Device clock minus gateway clock, as staff would read it. */
  private static String skew(JsonNode event) {
    if (event.path("deviceTime").isNull()) {
      return "unknown";
    }
    long ms = java.time.Duration.between(java.time.Instant.parse(event.path("receivedAt").asText()),
        java.time.Instant.parse(event.path("deviceTime").asText())).toMillis();
    return String.format(java.util.Locale.ROOT, "%+.1f s", ms / 1000.0);
  }

  private static final java.util.Map<String, String> SHORT = java.util.Map.of(
      "MDC_ECG_HEART_RATE", "HR", "MDC_PRESS_CUFF_SYS", "NIBP", "MDC_PRESS_CUFF_DIA", "/",
      "MDC_PULS_OXIM_SAT_O2", "SpO2", "MDC_PULS_OXIM_PULS_RATE", "PR", "MDC_RESP_RATE", "RR");

  private static String vitals(JsonNode p) {
    StringBuilder line = new StringBuilder("[" + p.path("severity").asText().toUpperCase(java.util.Locale.ROOT) + "]");
    for (JsonNode o : p.path("observations")) {
      String label = SHORT.get(o.path("code").asText());
      if (label != null) {
        String value = o.has("value") ? String.valueOf(Math.round(o.path("value").asDouble())) : o.path("status").asText();
        line.append(label.equals("/") ? "/" + value : " " + label + " " + value);
      }
    }
    for (JsonNode f : p.path("findings")) {
      if (!f.path("code").asText().equals("TECHNICAL")) {
        line.append(" - ").append(f.path("code").asText());
      }
    }
    return line.toString();
  }

  /** What staff would read on the screen; no patient identifiers. */
  private static String scan(JsonNode p) {
    String what = switch (p.path("classification").asText()) {
      case "medication", "supply" -> p.path("product").path("name").asText() + " "
          + p.path("product").path("strength").asText("") + " lot " + p.path("decoded").path("lot").asText("?")
          + " exp " + p.path("decoded").path("expiry").asText("?");
      case "wristband" -> "patient wristband";
      case "badge" -> "staff badge " + p.path("staffId").asText();
      default -> "unknown scan";
    };
    JsonNode first = p.path("findings").path(0);
    String severity = p.path("severity").asText().toUpperCase(java.util.Locale.ROOT);
    return "[" + severity + "] " + what.replaceAll("\\s+", " ").strip()
        + (first.isMissingNode() ? "" : " - " + first.path("code").asText() + ": " + first.path("message").asText());
  }

  @Override
  public void close() {
    try {
      client.disconnect();
      client.close();
    } catch (MqttException ignored) {
      // the demo is ending; nothing to report
    }
  }
}
