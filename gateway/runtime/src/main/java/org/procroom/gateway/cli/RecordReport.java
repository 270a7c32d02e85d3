package org.procroom.gateway.cli;

import org.procroom.gateway.api.EventTypes;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.record.EventSummary;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;

/** The record as a printable one-page HTML summary: phases, medications, alerts, vitals range, timeline. */
final class RecordReport {
  private RecordReport() {}

  static String html(Procedure p, List<DeviceEvent> events) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Procedure ").append(esc(p.id()))
        .append("</title><style>body{font:11pt sans-serif;margin:1.5cm}h1{font-size:16pt}h2{font-size:12pt;"
            + "margin-top:1.2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:2px 4px;"
            + "font-size:9pt;text-align:left}.critical{color:#b00;font-weight:bold}.warning{color:#a60}"
            + "@page{size:A4;margin:1cm}</style></head><body>");
    h.append("<h1>").append(esc(p.procedureType().equals("TPI") ? "Trigger point injection" : p.procedureType()))
        .append("</h1><p>Patient ").append(esc(p.patientRef())).append(p.patientName() == null ? "" : " (" + esc(p.patientName()) + ")")
        .append(" &middot; accession ").append(esc(String.valueOf(p.accessionNumber()))).append(" &middot; room ")
        .append(esc(p.room())).append("<br>Opened ").append(EventJson.timestamp(p.openedAt()))
        .append(p.closedAt() == null ? " &middot; still open" : " &middot; closed " + EventJson.timestamp(p.closedAt()))
        .append(" &middot; ").append(events.size()).append(" events</p>");
    section(h, "Phases", events, EventTypes.PROCEDURE_PHASE);
    h.append("<h2>Medications and supplies</h2><table><tr><th>time (UTC)</th><th>product</th><th>lot</th><th>expiry</th>"
        + "<th>result</th></tr>");
    for (DeviceEvent e : events) {
      JsonNode s = e.payload();
      if (e.type().equals(EventTypes.BARCODE_SCAN) && (s.path("classification").asText().equals("medication")
          || s.path("classification").asText().equals("supply"))) {
        String severity = s.path("severity").asText();
        h.append("<tr><td>").append(EventJson.timestamp(e.receivedAt())).append("</td><td>")
            .append(esc(s.path("product").path("name").asText() + " " + s.path("product").path("strength").asText("")))
            .append("</td><td>").append(esc(s.path("decoded").path("lot").asText(""))).append("</td><td>")
            .append(esc(s.path("decoded").path("expiry").asText(""))).append("</td><td class=\"").append(severity)
            .append("\">").append(esc(severity + (s.path("findings").isEmpty() ? "" : ": "
                + s.path("findings").path(0).path("code").asText()))).append("</td></tr>");
      }
    }
    h.append("</table>");
    h.append("<h2>Vitals</h2><p>").append(esc(range(events, "MDC_ECG_HEART_RATE", "heart rate", "/min"))).append("<br>")
        .append(esc(range(events, "MDC_PRESS_CUFF_SYS", "systolic pressure", "mmHg"))).append("<br>")
        .append(esc(range(events, "MDC_PULS_OXIM_SAT_O2", "SpO2", "%"))).append("</p>");
    h.append("<h2>Alerts, warnings and staff entries</h2><ul>");
    for (DeviceEvent e : events) {
      String severity = e.payload().path("severity").asText("");
      if (severity.equals("warning") || severity.equals("critical") || e.type().startsWith("staff.")
          || e.type().equals(EventTypes.RECORD_AMENDMENT)) {
        h.append("<li class=\"").append(severity).append("\">").append(EventJson.timestamp(e.receivedAt())).append(' ')
            .append(esc(EventSummary.of(EventJson.toTree(e)))).append("</li>");
      }
    }
    h.append("</ul></body></html>\n");
    return h.toString();
  }

  private static void section(StringBuilder h, String title, List<DeviceEvent> events, String type) {
    h.append("<h2>").append(title).append("</h2><ul>");
    for (DeviceEvent e : events) {
      if (e.type().equals(type)) {
        h.append("<li>").append(EventJson.timestamp(e.receivedAt())).append(' ')
            .append(esc(EventSummary.of(EventJson.toTree(e)))).append("</li>");
      }
    }
    h.append("</ul>");
  }

  private static String range(List<DeviceEvent> events, String code, String label, String unit) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (DeviceEvent e : events) {
      if (e.type().equals(EventTypes.VITALS_OBSERVATION)) {
        for (JsonNode o : e.payload().path("observations")) {
          if (o.path("code").asText().equals(code) && o.has("value")) {
            min = Math.min(min, o.path("value").asDouble());
            max = Math.max(max, o.path("value").asDouble());
          }
        }
      }
    }
    return min == Double.MAX_VALUE ? label + ": no values" : label + " " + Math.round(min) + " to " + Math.round(max) + " " + unit;
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
