package org.procroom.drivers.vitals.pcd01;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.procroom.drivers.vitals.Observation;
import org.procroom.drivers.vitals.ObservationSet;

/**
 * A set as the device tree it came from (MDS, VMD, channel, metric by OBX-4 containment), one line
 * per node, for {@code procroom vitals decode --tree}.
 */
public final class Pcd01Tree {
  private Pcd01Tree() {}

  public static String render(ObservationSet set) {
    record Line(String containment, String text) {}
    List<Line> lines = new ArrayList<>();
    for (ObservationSet.DeviceNode d : set.devices()) {
      lines.add(new Line(d.containment(), d.level() + " " + d.code()
          + (d.equipmentId() == null ? "" : " [" + d.equipmentId() + "]")));
    }
    for (Observation o : set.observations()) {
      String value = o.value() != null ? number(o.value()) + (o.unit() == null ? " (unit '" + o.unitReceived()
          + "' not UCUM)" : " " + o.unit())
          : "no value (" + o.status() + (o.valueReceived() == null ? "" : ": '" + o.valueReceived() + "'") + ")";
      lines.add(new Line(o.channel() == null ? "" : o.channel(), o.code() + (o.mdc() == null ? " [" + o.codingSystem()
          + "]" : "") + " = " + value + (o.resultStatus() == null ? "" : "  OBX-11 " + o.resultStatus())));
    }
    for (ObservationSet.Alarm a : set.alarms()) {
      lines.add(new Line(a.channel() == null ? "" : a.channel(), "alarm " + a.code() + ": " + a.text()));
    }
    for (ObservationSet.Wave w : set.waves()) {
      lines.add(new Line(w.channel() == null ? "" : w.channel(), "wave " + w.code() + ": " + w.samples().size()
          + " samples" + (w.status() == null ? "" : " (" + w.status() + ")")));
    }
    for (ObservationSet.Detail d : set.details()) {
      lines.add(new Line(d.channel() == null ? "" : d.channel(), d.code() + " (" + d.valueType() + ") = " + d.value()));
    }
    lines.sort(Comparator.comparing(Line::containment, Pcd01Tree::compareContainment));
    StringBuilder out = new StringBuilder();
    out.append("message ").append(set.controlId()).append(", mode ").append(set.mode()).append('\n');
    for (Line l : lines) {
      out.append("  ".repeat(depth(l.containment()))).append(l.containment().isEmpty() ? "-" : l.containment())
          .append("  ").append(l.text()).append('\n');
    }
    return out.toString();
  }

  private static int depth(String containment) {
    int depth = 0;
    for (String part : containment.split("\\.")) {
      if (part.isEmpty() || part.equals("0")) {
        break;
      }
      depth++;
    }
    return Math.max(0, depth - 1);
  }

  /** Numeric, part by part, so that 1.10 follows 1.9. */
  private static int compareContainment(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = compareParts(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static int compareParts(String a, String b) {
    try {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
