package org.procroom.gateway.waves;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.record.ChartTime;

/**
 * Which waveforms belong to a record: {@code before} to {@code after} around each injection,
 * adverse event and alarm of it (overlapping windows joined), as a reader reviewing the event
 * needs to see what led to it and what followed.
 */
public record WaveWindows(Duration before, Duration after) {
  public static final WaveWindows DEFAULT = new WaveWindows(Duration.ofSeconds(10), Duration.ofSeconds(30));

  public WaveWindows {
    if (before.isNegative() || after.isNegative() || before.plus(after).isZero()) {
      throw new IllegalArgumentException("a waveform window needs a positive span: " + before + " before, " + after
          + " after");
    }
  }

  public List<WaveWindow> of(List<DeviceEvent> record) {
    List<WaveWindow> around = new ArrayList<>();
    for (DeviceEvent e : record) {
      String reason = reason(e);
      if (reason != null) {
        Instant at = ChartTime.of(e);
        around.add(new WaveWindow(at.minus(before), at.plus(after), reason));
      }
    }
    around.sort(Comparator.comparing(WaveWindow::from));
    List<WaveWindow> joined = new ArrayList<>();
    for (WaveWindow w : around) {
      WaveWindow last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
      if (last != null && !w.from().isAfter(last.to())) {
        joined.set(joined.size() - 1, new WaveWindow(last.from(), w.to().isAfter(last.to()) ? w.to() : last.to(),
            last.reason().contains(w.reason()) ? last.reason() : last.reason() + ", " + w.reason()));
      } else {
        joined.add(w);
      }
    }
    return joined;
  }

  private static String reason(DeviceEvent e) {
    return switch (e.type()) {
      case EventTypes.STAFF_INJECTION -> "injection";
      case "staff.adverse-event" -> "adverse event";
      case EventTypes.VITALS_ALARM -> e.payload().path("alarms").isEmpty() ? null : "alarm";
      default -> null;
    };
  }
}
