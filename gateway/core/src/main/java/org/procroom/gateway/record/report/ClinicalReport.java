package org.procroom.gateway.record.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.record.EventSummary;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;

/**
 * The procedure's record as clinicians read it, as one well-formed XHTML page (a browser prints it,
 * an XHTML-to-PDF renderer takes it as is): a header for people, the vitals chart with phases and
 * numbered markers, medications, injections, pain scores, notes, grouped alerts, images, a footer.
 * Times are in the site's zone to the second.
 */
public final class ClinicalReport {
  private final Procedure p;
  private final List<DeviceEvent> events;
  private final DateTimeFormatter time;
  private final DateTimeFormatter dateTime;
  private final ZoneId zone;
  private final java.nio.file.Path dataDir;
  private final List<org.procroom.gateway.waves.StoredWave> waveStrips;

  private ClinicalReport(Procedure p, List<DeviceEvent> events, ZoneId zone, java.nio.file.Path dataDir,
      List<org.procroom.gateway.waves.StoredWave> waveStrips) {
    this.dataDir = dataDir;
    this.waveStrips = waveStrips;
    this.p = p;
    this.events = events;
    this.zone = zone;
    this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    this.dateTime = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss z", java.util.Locale.ENGLISH).withZone(zone);
  }

  public static String xhtml(Procedure p, List<DeviceEvent> events, ZoneId zone) {
    return xhtml(p, events, zone, null);
  }

  /** With the gateway's data folder, the ultrasound images' thumbnails are embedded (data URIs). */
  public static String xhtml(Procedure p, List<DeviceEvent> events, ZoneId zone, java.nio.file.Path dataDir) {
    return xhtml(p, events, zone, dataDir, List.of());
  }

  /** With the record's waveform windows as plotted strips. */
  public static String xhtml(Procedure p, List<DeviceEvent> events, ZoneId zone, java.nio.file.Path dataDir,
      List<org.procroom.gateway.waves.StoredWave> waveStrips) {
    return new ClinicalReport(p, events, zone, dataDir, waveStrips).render();
  }

  /**
   * A DICOM person name (family^given^middle^prefix^suffix) as people write it: "Given Family". A
   * component sent in capitals only is re-cased (each word, after a space, hyphen or apostrophe);
   * one in mixed case is kept as sent ("McDonald", "van der Berg").
   */
  static String personName(String pn) {
    if (pn == null || pn.isBlank()) {
      return "not recorded";
    }
    String[] c = pn.split("=", -1)[0].split("\\^", -1);
    StringBuilder out = new StringBuilder();
    for (int i : new int[] {3, 1, 2, 0, 4}) {
      if (i < c.length && !c[i].isBlank()) {
        out.append(out.length() == 0 ? "" : " ").append(recase(c[i].strip()));
      }
    }
    return out.toString();
  }

  private static String recase(String component) {
    if (!component.equals(component.toUpperCase(java.util.Locale.ROOT))) {
      return component;
    }
    StringBuilder out = new StringBuilder(component.length());
    boolean start = true;
    for (char ch : component.toCharArray()) {
      out.append(start ? ch : Character.toLowerCase(ch));
      start = ch == ' ' || ch == '-' || ch == '\'';
    }
    return out.toString();
  }

  private String render() {
    Instant end = p.closedAt() != null ? p.closedAt() : events.isEmpty() ? p.openedAt() : events.get(events.size() - 1).receivedAt();
    StringBuilder h = new StringBuilder(32768);
    h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"
        + "<head><meta charset=\"utf-8\"/><title>").append(Html.esc(title())).append("</title><style>")
        .append("body{font-family:sans-serif;font-size:10pt;margin:0}h1{font-size:15pt;margin:0 0 4pt}"
            + "h2{font-size:11pt;margin:10pt 0 3pt;border-bottom:1px solid #999}table{border-collapse:collapse;width:100%}"
            + "td,th{border:1px solid #bbb;padding:2px 4px;font-size:9pt;text-align:left;vertical-align:top}"
            + ".head td{border:none;padding:1px 8px 1px 0}.critical{color:#b00;font-weight:bold}.warning{color:#a60}"
            + ".note{font-size:8.5pt;color:#555}footer{margin-top:12pt;font-size:8.5pt;border-top:1px solid #999}"
            + "td:first-child,.markers td:nth-child(2){white-space:nowrap}@page{margin:12mm}")
        .append("</style></head><body>");
    h.append("<h1>").append(Html.esc(title())).append("</h1><table class=\"head\"><tr><td><b>Patient</b> ")
        .append(Html.esc(personName(p.patientName()))).append("</td><td><b>ID</b> ").append(Html.esc(p.patientRef()))
        .append("</td><td><b>Accession</b> ").append(Html.esc(p.accessionNumber() == null ? "none" : p.accessionNumber()))
        .append("</td></tr><tr><td><b>Room</b> ").append(Html.esc(p.room())).append("</td><td><b>Staff</b> ")
        .append(Html.esc(String.join(", ", staff()))).append("</td><td>").append(p.patientVerified()
            ? "identity checked by wristband" : "<span class=\"warning\">identity not checked by wristband</span>")
        .append("</td></tr><tr><td><b>Start</b> ").append(dateTime.format(p.openedAt())).append("</td><td><b>End</b> ")
        .append(p.closedAt() == null ? "still open" : dateTime.format(p.closedAt())).append("</td><td><b>Duration</b> ")
        .append(duration(Duration.between(p.openedAt(), end))).append("</td></tr></table>");
    List<VitalsChart.Marker> markers = markers();
    List<VitalsChart.Phase> phases = phases(end);
    h.append("<h2>Vital signs</h2>").append(VitalsChart.svg(p.openedAt(), end, phases, VitalsChart.series(events), VitalsChart.limits(events),
        markers, zone));
    h.append("<p class=\"phases\"><b>Phases</b> ");
    for (VitalsChart.Phase phase : phases) {
      h.append(Html.esc(phase.name())).append(' ').append(time.format(phase.from()))
          .append(phase.to() != null && phase.to().isBefore(end) ? ", " : "");
    }
    h.append("</p>");
    skewNotes(h);
    h.append("<table class=\"markers\"><tr><th>#</th><th>time</th><th>event</th></tr>");
    for (VitalsChart.Marker m : markers) {
      h.append("<tr class=\"").append(m.kind()).append("\"><td>").append(m.number()).append("</td><td>")
          .append(time.format(m.at())).append("</td><td>").append(Html.esc(m.text())).append("</td></tr>");
    }
    h.append("</table>");
    ReportSections.medications(h, events, time);
    ReportSections.injections(h, events, time);
    ReportSections.notes(h, events, time);
    ReportSections.alerts(h, events, time);
    ReportSections.images(h, events, time, dataDir);
    WaveformStrips.section(h, waveStrips, time);
    h.append("<footer>").append(p.closedAt() == null ? "Record still open." : "Record closed "
        + dateTime.format(p.closedAt()) + ".").append(' ').append(events.size()).append(" events in the record. Procedure ")
        .append(Html.esc(p.id())).append(".</footer></body></html>\n");
    return h.toString();
  }

  private String title() {
    return p.procedureType().equals("TPI") ? "Trigger point injection" : p.procedureType();
  }

  private List<String> staff() {
    List<String> out = new ArrayList<>();
    for (DeviceEvent e : events) {
      String who = e.payload().path("enteredBy").asText("");
      if (!who.isEmpty() && !out.contains(who)) {
        out.add(who);
      }
    }
    return out;
  }

  private List<VitalsChart.Phase> phases(Instant end) {
    List<VitalsChart.Phase> out = new ArrayList<>();
    String name = "assessment";
    Instant from = p.openedAt();
    for (DeviceEvent e : events) {
      if (e.type().equals(EventTypes.PROCEDURE_PHASE)) {
        out.add(new VitalsChart.Phase(name, from, e.receivedAt()));
        name = e.payload().path("phase").asText();
        from = e.receivedAt();
      }
    }
    out.add(new VitalsChart.Phase(name, from, end));
    return out;
  }

  private List<VitalsChart.Marker> markers() {
    List<VitalsChart.Marker> out = new ArrayList<>();
    String lastWarning = null;
    for (DeviceEvent e : events) {
      JsonNode s = e.payload();
      String kind = null;
      String text = null;
      if (e.type().equals(EventTypes.BARCODE_SCAN) && s.path("classification").asText().equals("medication")) {
        kind = s.path("severity").asText("ok").equals("ok") ? "medication" : s.path("severity").asText();
        text = "scanned " + ReportSections.product(s) + (kind.equals("medication") ? "" : " - "
            + s.path("findings").path(0).path("message").asText(s.path("findings").path(0).path("code").asText()));
      } else if (e.type().equals(EventTypes.STAFF_INJECTION)) {
        kind = "injection";
        text = "injection " + ReportSections.injectionText(s);
      } else if (e.type().equals("staff.adverse-event")) {
        kind = "adverse";
        text = "adverse event: " + s.path("kind").asText() + ", " + s.path("description").asText();
      } else if (e.type().equals(EventTypes.VITALS_ALARM) || e.type().equals(EventTypes.PROCEDURE_WARNING)) {
        kind = s.path("severity").asText("warning").equals("critical") ? "critical" : "warning";
        text = EventSummary.of(EventJson.toTree(e));
        if (text.equals(lastWarning)) {
          continue;
        }
        lastWarning = text;
      }
      if (kind != null) {
        out.add(new VitalsChart.Marker(out.size() + 1, e.receivedAt(), kind, text));
      }
    }
    return out;
  }

  private void skewNotes(StringBuilder h) {
    List<String> noted = new ArrayList<>();
    for (DeviceEvent e : events) {
      for (JsonNode f : e.payload().path("findings")) {
        if (f.path("code").asText().equals("CLOCK_SKEW") && !noted.contains(e.deviceId())) {
          noted.add(e.deviceId());
          h.append("<p class=\"note\">").append(Html.esc(e.deviceId())).append(": ").append(Html.esc(f.path("message").asText()))
              .append(".</p>");
        }
      }
    }
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format("%d h %02d min %02d s", s / 3600, s / 60 % 60, s % 60)
        : s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
  }
}
