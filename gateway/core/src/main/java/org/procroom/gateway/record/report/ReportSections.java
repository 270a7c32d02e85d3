package org.procroom.gateway.record.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.record.EventSummary;
import org.procroom.gateway.store.EventJson;

/** The report's tables below the chart, each read from the record's events. */
final class ReportSections {
  private ReportSections() {}

  static String product(JsonNode scan) {
    JsonNode product = scan.path("product");
    return product.isObject() ? (product.path("name").asText() + " " + product.path("strength").asText("")).trim()
        : "unknown product " + scan.path("decoded").path("gtin").asText(scan.path("data").asText());
  }

  /** "2 mL of lidocaine 1% and triamcinolone 40 mg/mL into the left upper trapezius, by dr-lee". */
  static String injectionText(JsonNode s) {
    List<String> drugs = new ArrayList<>();
    s.path("drugs").forEach(d -> drugs.add(d.asText()));
    String list = drugs.isEmpty() ? "no drug named"
        : drugs.size() == 1 ? drugs.get(0)
        : String.join(", ", drugs.subList(0, drugs.size() - 1)) + " and " + drugs.get(drugs.size() - 1);
    String volume = s.path("volumeMl").isNumber() ? s.path("volumeMl").asText().replaceAll("\\.0$", "") + " mL of " : "";
    return volume + list + " into the " + s.path("site").asText("unrecorded site") + ", by " + s.path("enteredBy").asText("?");
  }

  static void medications(StringBuilder h, List<DeviceEvent> events, DateTimeFormatter time) {
    h.append("<h2>Medications and supplies</h2><table><tr><th>time</th><th>product</th><th>lot</th><th>expiry</th>"
        + "<th>checks</th></tr>");
    for (DeviceEvent e : events) {
      JsonNode s = e.payload();
      String c = s.path("classification").asText();
      if (e.type().equals(EventTypes.BARCODE_SCAN) && (c.equals("medication") || c.equals("supply"))) {
        String severity = s.path("severity").asText("ok");
        StringBuilder checks = new StringBuilder(severity.equals("ok") ? "passed" : "");
        s.path("findings").forEach(f -> checks.append(checks.length() == 0 ? "" : "; ")
            .append(f.path("message").asText(f.path("code").asText())));
        h.append("<tr><td>").append(time.format(e.receivedAt())).append("</td><td>").append(Html.esc(product(s)))
            .append("</td><td>").append(Html.esc(s.path("decoded").path("lot").asText(""))).append("</td><td>")
            .append(Html.esc(s.path("decoded").path("expiry").asText(""))).append("</td><td class=\"").append(severity)
            .append("\">").append(Html.esc(checks.toString())).append("</td></tr>");
      }
    }
    h.append("</table>");
  }

  static void injections(StringBuilder h, List<DeviceEvent> events, DateTimeFormatter time) {
    h.append("<h2>Injections and trigger points</h2><ul>");
    for (DeviceEvent e : events) {
      JsonNode s = e.payload();
      if (e.type().equals(EventTypes.STAFF_INJECTION)) {
        h.append("<li>").append(time.format(e.receivedAt())).append(' ').append(Html.esc(injectionText(s))).append("</li>");
      } else if (e.type().equals(EventTypes.STAFF_TRIGGER_POINT)) {
        h.append("<li>").append(time.format(e.receivedAt())).append(" trigger point: ")
            .append(Html.esc(s.path("side").asText("") + " " + s.path("muscle").asText())).append("</li>");
      }
    }
    h.append("</ul>");
  }

  static void notes(StringBuilder h, List<DeviceEvent> events, DateTimeFormatter time) {
    h.append("<h2>Pain, instructions and follow-up</h2><ul>");
    for (DeviceEvent e : events) {
      JsonNode s = e.payload();
      String line = switch (e.type()) {
        case EventTypes.STAFF_PAIN_SCORE -> "pain " + s.path("timing").asText() + " the procedure: " + s.path("score").asText()
            + (s.path("scale").asText("NRS-11").equals("NRS-11") ? "/10 (NRS-11)" : " (" + s.path("scale").asText() + ")");
        case "staff.instructions" -> "instructions: " + s.path("text").asText();
        case "staff.follow-up" -> "follow-up on " + s.path("date").asText();
        case EventTypes.RECORD_AMENDMENT -> "amendment: " + EventSummary.of(EventJson.toTree(e));
        default -> null;
      };
      if (line != null) {
        h.append("<li>").append(time.format(e.receivedAt())).append(' ').append(Html.esc(line))
            .append(s.has("enteredBy") ? " (" + Html.esc(s.path("enteredBy").asText()) + ")" : "").append("</li>");
      }
    }
    h.append("</ul>");
  }

  /** A run of warnings of one kind from one device: the first one's text, its span and how many. */
  private static final class Run {
    final String severity;
    final String text;
    final Instant first;
    Instant last;
    int count = 1;

    Run(String severity, String text, Instant first) {
      this.severity = severity;
      this.text = text;
      this.first = first;
      this.last = first;
    }
  }

  /** Runs end after this long without another warning of their kind. */
  static final Duration RUN_GAP = Duration.ofSeconds(60);

  /**
   * Warnings and critical events; warnings of one kind (device, event type, finding codes) that
   * recur within {@link #RUN_GAP} are one line with their span and count, the first one's text.
   */
  static void alerts(StringBuilder h, List<DeviceEvent> events, DateTimeFormatter time) {
    List<Run> runs = new ArrayList<>();
    Map<String, Run> open = new HashMap<>();
    for (DeviceEvent e : events) {
      String severity = e.payload().path("severity").asText("");
      if (!severity.equals("warning") && !severity.equals("critical")) {
        continue;
      }
      StringBuilder key = new StringBuilder(e.deviceId()).append('|').append(e.type()).append('|').append(severity);
      e.payload().path("findings").forEach(f -> key.append('|').append(f.path("code").asText()));
      Run run = open.get(key.toString());
      if (run != null && Duration.between(run.last, e.receivedAt()).compareTo(RUN_GAP) <= 0) {
        run.last = e.receivedAt();
        run.count++;
      } else {
        run = new Run(severity, e.deviceId() + ": " + EventSummary.of(EventJson.toTree(e)), e.receivedAt());
        open.put(key.toString(), run);
        runs.add(run);
      }
    }
    h.append("<h2>Alerts and warnings</h2><ul class=\"alerts\">");
    for (Run r : runs) {
      h.append("<li class=\"").append(r.severity).append("\">").append(time.format(r.first))
          .append(r.count > 1 ? " to " + time.format(r.last) + " (" + r.count + " times)" : "").append(' ')
          .append(Html.esc(r.text)).append("</li>");
    }
    h.append("</ul>");
  }

  /** Each stored image with its time; its thumbnail beside it when {@code dataDir} holds it. */
  static void images(StringBuilder h, List<DeviceEvent> events, DateTimeFormatter time, java.nio.file.Path dataDir) {
    h.append("<h2>Ultrasound images</h2><ul class=\"images\">");
    for (DeviceEvent e : events) {
      if (e.type().equals(EventTypes.DICOM_STORED)) {
        JsonNode s = e.payload();
        int frames = s.path("frames").asInt(1);
        String caption = time.format(e.receivedAt()) + " " + (frames > 1 ? "cine clip, " + frames + " frames" : "image")
            + ", " + s.path("modality").asText("US");
        byte[] jpeg = thumbnail(dataDir, s.path("thumbnail").asText(""));
        h.append("<li>");
        if (jpeg != null) {
          h.append("<img class=\"thumbnail\" width=\"120\" alt=\"").append(Html.esc(caption))
              .append("\" src=\"data:image/jpeg;base64,").append(java.util.Base64.getEncoder().encodeToString(jpeg))
              .append("\"/> ");
        }
        h.append(Html.esc(caption)).append("</li>");
      }
    }
    h.append("</ul>");
  }

  /** The thumbnail's bytes, only from below the data folder; null when there is none. */
  private static byte[] thumbnail(java.nio.file.Path dataDir, String relative) {
    if (dataDir == null || relative.isEmpty()) {
      return null;
    }
    java.nio.file.Path root = dataDir.toAbsolutePath().normalize();
    java.nio.file.Path file = root.resolve(relative).normalize();
    try {
      return file.startsWith(root) && java.nio.file.Files.isRegularFile(file) ? java.nio.file.Files.readAllBytes(file) : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
