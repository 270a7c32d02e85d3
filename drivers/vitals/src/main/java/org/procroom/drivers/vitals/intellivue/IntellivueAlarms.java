package org.procroom.drivers.vitals.intellivue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.procroom.drivers.vitals.ObservationSet;

/**
 * The alert monitor's alarm lists (NOM_ATTR_AL_MON_P_AL_LIST and _T_AL_LIST) as alarms: each
 * DevAlarmEntry (source, code, type, state, object, info) with, for a StrAlMonInfo, the text the
 * monitor shows. Type gives kind and priority; state bits say whether it is silenced, suspended
 * or inhibited.
 */
public final class IntellivueAlarms {
  static final int CLASS_ALERT_MONITOR = 0x0036;
  static final int PHYSIOLOGICAL_LIST = 0x0902;
  static final int TECHNICAL_LIST = 0x0904;
  static final int STR_ALMON_INFO = 516;
  private static final int PARTITION_EVENT = 3;
  private static final int PARTITION_SCADA = 2;

  private IntellivueAlarms() {}

  /** The alarms in a poll result of the alert monitor; {@code problems} gets what could not be read. */
  public static List<ObservationSet.Alarm> alarms(DataExportMessage.PollResult poll, Instant at, List<String> problems) {
    List<ObservationSet.Alarm> out = new ArrayList<>();
    for (DataExportMessage.PolledObject o : poll.objects()) {
      for (int list : new int[] {PHYSIOLOGICAL_LIST, TECHNICAL_LIST}) {
        o.attributes().get(list).ifPresent(b -> {
          try {
            entries(b, at, out);
          } catch (Wire.Malformed e) {
            problems.add("unreadable alarm list: " + e.getMessage());
          }
        });
      }
    }
    return out;
  }

  private static void entries(ByteBuffer b, Instant at, List<ObservationSet.Alarm> out) {
    int count = Wire.u16(b, "alarm count");
    ByteBuffer list = Wire.exactly(b, Wire.u16(b, "alarm list length"), "alarm list");
    for (int i = 0; i < count; i++) {
      int source = Wire.u16(list, "alarm source");
      int code = Wire.u16(list, "alarm code");
      int type = Wire.u16(list, "alarm type");
      int state = Wire.u16(list, "alarm state");
      Wire.slice(list, 6, "alarm object");
      int infoId = Wire.u16(list, "alarm info id");
      ByteBuffer info = Wire.slice(list, Wire.u16(list, "alarm info length"), "alarm info");
      String text = null;
      if (infoId == STR_ALMON_INFO) {
        Wire.u16(info, "alarm instance");
        Wire.u32(info, "alarm text id");
        Wire.u16(info, "alarm priority");
        Wire.u16(info, "alarm flags");
        text = Wire.string(info, "alarm text");
      }
      if (type == 0) {
        continue; // NO_ALERT: an empty slot of the list
      }
      int mdc = (PARTITION_EVENT << 16) | code;
      out.add(new ObservationSet.Alarm("MDC_" + mdc, mdc, "MDC",
          IntellivueNumerics.termName((PARTITION_SCADA << 16) | source), text,
          priority(type), state(state), at, kind(type)));
    }
    if (list.hasRemaining()) {
      throw new Wire.Malformed(list.remaining() + " bytes after the " + count + " alarms the list counts");
    }
  }

  static String priority(int type) {
    return switch (type) {
      case 0x0004, 0x0400 -> "high";
      case 0x0002, 0x0200 -> "medium";
      case 0x0001, 0x0100 -> "low";
      default -> String.format("type 0x%04X", type);
    };
  }

  static String kind(int type) {
    return type >= 0x0100 ? "physiological" : "technical";
  }

  /** The alert state: silenced, suspended, inhibited or latched where the bits say so, else active. */
  static String state(int bits) {
    List<String> s = new ArrayList<>();
    if ((bits & 0x8000) != 0) {
      s.add("inhibited");
    }
    if ((bits & 0x4000) != 0) {
      s.add("suspended");
    }
    if ((bits & 0x2000) != 0) {
      s.add("latched");
    }
    if ((bits & 0x1000) != 0) {
      s.add("silenced");
    }
    return s.isEmpty() ? "active" : String.join(",", s);
  }
}
