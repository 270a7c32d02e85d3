package org.procroom.gateway.record.report;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.procroom.gateway.api.WaveSegment;
import org.procroom.gateway.waves.StoredWave;

/**
 * The record's waveform windows as plotted strips (SVG, no script): each strip in lines of ten
 * seconds as on paper, a second grid, its own vertical range, and the time of each line's start.
 * A gap is where one strip ends and the next begins, with its cause.
 */
final class WaveformStrips {
  private static final int LINE_SECONDS = 10;
  private static final int WIDTH = 700;
  private static final int HEIGHT = 70;

  private WaveformStrips() {}

  static void section(StringBuilder h, List<StoredWave> strips, DateTimeFormatter time) {
    if (strips.isEmpty()) {
      return;
    }
    h.append("<h2>Waveforms around the events</h2>");
    for (StoredWave strip : strips) {
      WaveSegment s = strip.segment();
      h.append("<p class=\"wave\"><b>").append(Html.esc(s.channel())).append("</b> ").append(Html.esc(strip.deviceId()))
          .append(", ").append(time.format(strip.start())).append(" to ").append(time.format(strip.end()))
          .append(s.unit() == null ? ", unscaled" : s.unit().equals("1") ? ", relative" : ", " + Html.esc(s.unit()))
          .append(s.flags().isEmpty() ? "" : ", marked " + Html.esc(String.join(", ", s.flags())))
          .append(s.gapBefore() == null ? "" : "<br/><span class=\"warning\">after a gap of " + s.gapBefore().missing()
              + " samples: " + Html.esc(s.gapBefore().cause()) + "</span>").append("</p>");
      int perLine = (int) (Duration.ofSeconds(LINE_SECONDS).toNanos() / s.samplePeriod().toNanos());
      for (int from = 0; from < s.size(); from += perLine) {
        line(h, strip, from, Math.min(s.size(), from + perLine), perLine, time);
      }
    }
  }

  private static void line(StringBuilder h, StoredWave strip, int from, int to, int perLine, DateTimeFormatter time) {
    WaveSegment s = strip.segment();
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (int i = from; i < to; i++) {
      lo = Math.min(lo, s.value(i));
      hi = Math.max(hi, s.value(i));
    }
    double range = hi > lo ? hi - lo : 1;
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT + 12)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT + 12).append("\">");
    for (int sec = 0; sec <= LINE_SECONDS; sec++) {
      int x = WIDTH * sec / LINE_SECONDS;
      h.append("<line x1=\"").append(x).append("\" y1=\"0\" x2=\"").append(x).append("\" y2=\"").append(HEIGHT)
          .append("\" stroke=\"#f2c4c4\" stroke-width=\"0.6\"/>");
    }
    h.append("<polyline fill=\"none\" stroke=\"#111\" stroke-width=\"0.8\" points=\"");
    for (int i = from; i < to; i++) {
      double x = (double) WIDTH * (i - from) / perLine;
      double y = HEIGHT - 3 - (HEIGHT - 6) * (s.value(i) - lo) / range;
      h.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    h.append("\"/><text x=\"2\" y=\"").append(HEIGHT + 10).append("\" font-size=\"8\">")
        .append(time.format(strip.start().plus(s.samplePeriod().multipliedBy(from)))).append("</text><text x=\"")
        .append(WIDTH - 2).append("\" y=\"").append(HEIGHT + 10).append("\" font-size=\"8\" text-anchor=\"end\">")
        .append(String.format(Locale.ROOT, "%.2f to %.2f %s", lo, hi, s.unit() == null || s.unit().equals("1") ? "" : s.unit()))
        .append("</text></svg>");
  }
}
