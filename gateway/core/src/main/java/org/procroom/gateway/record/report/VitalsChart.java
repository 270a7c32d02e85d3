package org.procroom.gateway.record.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.record.ChartTime;

/**
 * The procedure's vital signs as an SVG chart without script, as anaesthesia records draw them:
 * one panel per scale, one line per device and channel, systolic and diastolic pressure as the
 * familiar down and up chevrons, phase bands behind and numbered event markers along the bottom.
 */
public final class VitalsChart {
  static final int WIDTH = 1000;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int PANEL = 110;
  private static final int MARKER_LANE = 28;

  /** A panel: its scale and the MDC codes drawn on it. */
  private record Panel(String title, double min, double max, List<String> codes) {}

  private static final List<Panel> PANELS = List.of(
      new Panel("HR /min, BP mm[Hg]", 20, 200, List.of("MDC_ECG_HEART_RATE", "MDC_PULS_OXIM_PULS_RATE",
          "MDC_PRESS_CUFF_SYS", "MDC_PRESS_CUFF_DIA", "MDC_PRESS_BLD_NONINV_SYS", "MDC_PRESS_BLD_NONINV_DIA")),
      new Panel("SpO2 %", 80, 100, List.of("MDC_PULS_OXIM_SAT_O2")),
      new Panel("Resp /min, Temp Cel", 0, 40, List.of("MDC_RESP_RATE", "MDC_TEMP_BODY", "MDC_TEMP")));
  /** Cuff pressures, drawn as the familiar chevrons (monitors name them by either term). */
  private static final List<String> SYSTOLIC = List.of("MDC_PRESS_CUFF_SYS", "MDC_PRESS_BLD_NONINV_SYS");
  private static final List<String> DIASTOLIC = List.of("MDC_PRESS_CUFF_DIA", "MDC_PRESS_BLD_NONINV_DIA");

  static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("MDC_ECG_HEART_RATE", "heart rate"), Map.entry("MDC_PULS_OXIM_PULS_RATE", "pulse rate"),
      Map.entry("MDC_PRESS_CUFF_SYS", "systolic BP"), Map.entry("MDC_PRESS_CUFF_DIA", "diastolic BP"),
      Map.entry("MDC_PRESS_BLD_NONINV_SYS", "systolic BP"), Map.entry("MDC_PRESS_BLD_NONINV_DIA", "diastolic BP"),
      Map.entry("MDC_PULS_OXIM_SAT_O2", "SpO2"), Map.entry("MDC_RESP_RATE", "respiration rate"),
      Map.entry("MDC_TEMP_BODY", "temperature"), Map.entry("MDC_TEMP", "temperature"));
  private static final String[] COLOURS = {"#c0392b", "#2c3e50", "#16a085", "#8e44ad", "#d35400", "#2980b9"};

  /** One value at its chart time. */
  record Point(Instant at, double value) {}

  /** An event marker on the time line. */
  record Marker(int number, Instant at, String kind, String text) {}

  private VitalsChart() {}

  /** Series keyed "code|device", in order of first appearance; statuses without a value are not points. */
  static Map<String, List<Point>> series(List<DeviceEvent> events) {
    Map<String, List<Point>> out = new LinkedHashMap<>();
    for (DeviceEvent e : events) {
      if (!e.type().equals(EventTypes.VITALS_OBSERVATION)) {
        continue;
      }
      Instant at = ChartTime.of(e);
      for (JsonNode o : e.payload().path("observations")) {
        if (LABELS.containsKey(o.path("code").asText()) && o.path("value").isNumber()) {
          out.computeIfAbsent(o.path("code").asText() + "|" + e.deviceId(), k -> new ArrayList<>())
              .add(new Point(at, o.path("value").asDouble()));
        }
      }
    }
    out.values().forEach(l -> l.sort((a, b) -> a.at().compareTo(b.at())));
    return out;
  }

  /** The room's alarm band of each series ("code|device"), as the last of its events applied it. */
  static Map<String, JsonNode> limits(List<DeviceEvent> events) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (DeviceEvent e : events) {
      if (e.type().equals(EventTypes.VITALS_OBSERVATION)) {
        e.payload().path("limits").fields().forEachRemaining(l -> out.put(l.getKey() + "|" + e.deviceId(), l.getValue()));
      }
    }
    return out;
  }

  static String svg(Instant from, Instant to, List<Phase> phases, Map<String, List<Point>> series,
      Map<String, JsonNode> limits, List<Marker> markers, ZoneId zone) {
    if (!to.isAfter(from)) {
      to = from.plusSeconds(60);
    }
    int height = PANELS.size() * PANEL + MARKER_LANE + 40;
    StringBuilder s = new StringBuilder(16384);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"vitals-chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" width=\"100%\" font-family=\"sans-serif\" font-size=\"10\">");
    double plotTop = 16;
    double plotBottom = PANELS.size() * PANEL + MARKER_LANE;
    for (Phase p : phases) {
      double x1 = x(p.from(), from, to);
      double x2 = x(p.to() == null ? to : p.to(), from, to);
      s.append("<g class=\"phase\" data-phase=\"").append(Html.esc(p.name())).append("\"><rect x=\"").append(f(x1))
          .append("\" y=\"").append(f(plotTop)).append("\" width=\"").append(f(Math.max(0, x2 - x1))).append("\" height=\"")
          .append(f(plotBottom - plotTop)).append("\" fill=\"").append(phases.indexOf(p) % 2 == 0 ? "#eef3f8" : "#f8f8f0")
          .append("\"/><text x=\"").append(f(x1 + 2)).append("\" y=\"").append(f(plotTop - 4)).append("\" fill=\"#555\">")
          .append(Html.esc(p.name())).append("</text><title>").append(Html.esc(p.name())).append("</title></g>");
    }
    Map<String, String> colours = new LinkedHashMap<>();
    for (int i = 0; i < PANELS.size(); i++) {
      Panel panel = PANELS.get(i);
      double top = plotTop + 16 + i * PANEL;
      double bottom = top + PANEL - 24;
      s.append("<text x=\"").append(LEFT + 4).append("\" y=\"").append(f(top - 4)).append("\" font-weight=\"bold\">").append(Html.esc(panel.title()))
          .append("</text>");
      for (double v : new double[] {panel.min(), (panel.min() + panel.max()) / 2, panel.max()}) {
        double y = y(v, panel, top, bottom);
        s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(f(y))
            .append("\" y2=\"").append(f(y)).append("\" stroke=\"#ccc\" stroke-width=\"0.5\"/><text x=\"").append(LEFT - 4)
            .append("\" y=\"").append(f(y + 3)).append("\" text-anchor=\"end\">").append(fmt(v)).append("</text>");
      }
      for (Map.Entry<String, List<Point>> e : series.entrySet()) {
        String code = e.getKey().substring(0, e.getKey().indexOf('|'));
        if (!panel.codes().contains(code)) {
          continue;
        }
        String c = colours.computeIfAbsent(e.getKey(), k -> COLOURS[colours.size() % COLOURS.length]);
        s.append("<g class=\"series\" data-code=\"").append(code).append("\" data-device=\"")
            .append(Html.esc(e.getKey().substring(code.length() + 1))).append("\">");
        JsonNode band = limits.get(e.getKey());
        for (String side : new String[] {"low", "high"}) {
          if (band != null && band.path(side).isNumber() && band.path(side).asDouble() >= panel.min()
              && band.path(side).asDouble() <= panel.max()) {
            double ly = y(band.path(side).asDouble(), panel, top, bottom);
            s.append("<line class=\"limit\" x1=\"").append(LEFT).append("\" x2=\"").append(f(x(to, from, to)))
                .append("\" y1=\"").append(f(ly)).append("\" y2=\"").append(f(ly)).append("\" stroke=\"").append(c)
                .append("\" stroke-width=\"0.8\" stroke-dasharray=\"6,3\"><title>").append(side).append(" limit ")
                .append(fmt(band.path(side).asDouble())).append("</title></line>");
          }
        }
        if (SYSTOLIC.contains(code) || DIASTOLIC.contains(code)) {
          boolean sys = SYSTOLIC.contains(code);
          for (Point p : e.getValue()) {
            double px = x(p.at(), from, to);
            double py = y(p.value(), panel, top, bottom);
            s.append("<path d=\"M").append(f(px - 4)).append(',').append(f(py + (sys ? -5 : 5))).append(" L").append(f(px))
                .append(',').append(f(py)).append(" L").append(f(px + 4)).append(',').append(f(py + (sys ? -5 : 5)))
                .append("\" fill=\"none\" stroke=\"").append(c).append("\" stroke-width=\"1.5\"><title>")
                .append(fmt(p.value())).append("</title></path>");
          }
        } else {
          s.append("<polyline fill=\"none\" stroke=\"").append(c).append("\" stroke-width=\"1.5\" points=\"");
          for (Point p : e.getValue()) {
            s.append(f(x(p.at(), from, to))).append(',').append(f(y(p.value(), panel, top, bottom))).append(' ');
          }
          s.append("\"/>");
        }
        s.append("</g>");
      }
    }
    double lane = plotTop + PANELS.size() * PANEL;
    for (Marker m : markers) {
      double px = x(m.at(), from, to);
      String c = m.kind().equals("adverse") || m.kind().equals("critical") ? "#b00" : m.kind().equals("warning") ? "#c60" : "#333";
      s.append("<g class=\"marker\" data-kind=\"").append(m.kind()).append("\"><line x1=\"").append(f(px)).append("\" x2=\"")
          .append(f(px)).append("\" y1=\"").append(f(plotTop)).append("\" y2=\"").append(f(lane + 4)).append("\" stroke=\"")
          .append(c).append("\" stroke-width=\"0.6\" stroke-dasharray=\"2,2\"/><circle cx=\"").append(f(px)).append("\" cy=\"")
          .append(f(lane + 12)).append("\" r=\"7\" fill=\"").append(c).append("\"/><text x=\"").append(f(px)).append("\" y=\"")
          .append(f(lane + 15)).append("\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"8\">").append(m.number())
          .append("</text><title>").append(Html.esc(m.text())).append("</title></g>");
    }
    DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    long span = Duration.between(from, to).toSeconds();
    long step = span <= 120 ? 10 : span <= 600 ? 60 : span <= 3600 ? 300 : 900;
    for (long t = 0; t <= span; t += step) {
      Instant at = from.plusSeconds(t);
      double px = x(at, from, to);
      s.append("<text x=\"").append(f(px)).append("\" y=\"").append(height - 6).append("\" text-anchor=\"middle\">")
          .append(hms.format(at)).append("</text>");
    }
    s.append("<g class=\"legend\">");
    int lx = LEFT;
    for (Map.Entry<String, String> c : colours.entrySet()) {
      String code = c.getKey().substring(0, c.getKey().indexOf('|'));
      String label = LABELS.get(code) + " (" + c.getKey().substring(code.length() + 1) + ")";
      s.append("<rect x=\"").append(lx).append("\" y=\"").append(height - 26).append("\" width=\"10\" height=\"3\" fill=\"")
          .append(c.getValue()).append("\"/><text x=\"").append(lx + 13).append("\" y=\"").append(height - 22).append("\">")
          .append(Html.esc(label)).append("</text>");
      lx += 13 + label.length() * 5 + 12;
      if (lx > WIDTH - 150) {
        break;
      }
    }
    s.append("</g></svg>");
    return s.toString();
  }

  /** A phase band: its name and span (to null while it lasts to the end). */
  record Phase(String name, Instant from, Instant to) {}

  private static double x(Instant at, Instant from, Instant to) {
    double frac = Duration.between(from, at).toNanos() / (double) Duration.between(from, to).toNanos();
    return LEFT + Math.max(0, Math.min(1, frac)) * (WIDTH - LEFT - RIGHT);
  }

  private static double y(double v, Panel p, double top, double bottom) {
    double frac = (Math.max(p.min(), Math.min(p.max(), v)) - p.min()) / (p.max() - p.min());
    return bottom - frac * (bottom - top);
  }

  private static String f(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f", v);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
