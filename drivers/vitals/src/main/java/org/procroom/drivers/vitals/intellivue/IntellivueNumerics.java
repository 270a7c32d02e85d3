package org.procroom.drivers.vitals.intellivue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.procroom.drivers.vitals.Mdc;
import org.procroom.drivers.vitals.Observation;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.drivers.vitals.terms.MdcTerms;
import org.procroom.drivers.vitals.terms.MdcUnits;

/**
 * A poll result of numerics (NOM_MOC_VMO_METRIC_NU) as observations: each NuObsValue
 * (NOM_ATTR_NU_VAL_OBS) and each part of a compound one (NOM_ATTR_NU_CMPD_VAL_OBS, e.g. NIBP
 * systolic/diastolic/mean). The physiological id is an MDC term of the SCADA partition and the
 * unit one of the dimension partition. A value withdrawn by its measurement state, and every
 * FLOAT-Type marker, is a status and never a number; demo and test data make the set not live.
 */
public final class IntellivueNumerics {
  static final int CLASS_NUMERIC = 0x0006;
  static final int NU_VAL_OBS = 0x0950;
  static final int NU_CMPD_VAL_OBS = 0x094B;
  static final int TIME_STAMP_ABS = 0x0990;
  private static final int PARTITION_SCADA = 2;
  private static final int PARTITION_DIM = 4;
  private static final int PRIVATE_CODES = 0xF000;

  static final int INVALID = 0x8000;
  static final int QUESTIONABLE = 0x4000;
  static final int UNAVAILABLE = 0x2000;
  static final int CALIBRATION_ONGOING = 0x1000;
  static final int TEST_DATA = 0x0800;
  static final int DEMO_DATA = 0x0400;
  static final int MSMT_ONGOING = 0x0020;
  static final int IN_ALARM = 0x0002;
  static final int ALARM_INHIBITED = 0x0001;

  private IntellivueNumerics() {}

  /**
   * The set of one poll result. Its device time is the poll's wall clock, else the monitor's time
   * of the poll's relative time ({@code clock}, from the MDS Create); null when neither is known.
   */
  public static ObservationSet observations(DataExportMessage.PollResult poll, MonitorClock clock) {
    Instant pollTime = MonitorClock.timeOf(poll, clock);
    List<Observation> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean demo = false;
    boolean test = false;
    for (DataExportMessage.PolledObject o : poll.objects()) {
      try {
        int states = values(o, clock, out);
        demo |= (states & DEMO_DATA) != 0;
        test |= (states & TEST_DATA) != 0;
      } catch (Wire.Malformed e) {
        problems.add("unreadable numeric: " + e.getMessage());
      }
    }
    String mode = test ? "test" : demo ? "demo" : ObservationSet.LIVE;
    return new ObservationSet("intellivue", pollTime, null, out, problems, mode, null, null, null, null, null, null);
  }

  /** Adds the object's values; returns the union of their measurement states. */
  private static int values(DataExportMessage.PolledObject o, MonitorClock clock, List<Observation> out) {
    int states = 0;
    Instant observedAt = o.attributes().get(TIME_STAMP_ABS)
        .flatMap(t -> AbsoluteTime.read(t, String.format("object 0x%04X time stamp", o.handle())))
        .filter(t -> clock != null).map(t -> clock.at(t)).orElse(null);
    String channel = String.format("0x%04X", o.handle());
    List<ByteBuffer> values = new ArrayList<>();
    o.attributes().get(NU_VAL_OBS).ifPresent(values::add);
    o.attributes().get(NU_CMPD_VAL_OBS).ifPresent(c -> {
      int count = Wire.u16(c, "compound value count");
      ByteBuffer list = Wire.exactly(c, Wire.u16(c, "compound value length"), "compound value");
      for (int i = 0; i < count; i++) {
        values.add(Wire.slice(list, 10, "compound value " + (i + 1)));
      }
    });
    for (ByteBuffer v : values) {
      if (v.remaining() != 10) {
        throw new Wire.Malformed(String.format("object 0x%04X: a numeric value of %d bytes, not 10", o.handle(),
            v.remaining()));
      }
      int physio = v.getShort() & 0xFFFF;
      int state = v.getShort() & 0xFFFF;
      int unit = v.getShort() & 0xFFFF;
      FloatType.Value value = FloatType.decode(v.getInt());
      states |= state;
      out.add(observation(physio, state, unit, value, channel, observedAt));
    }
    return states;
  }

  private static Observation observation(int physio, int state, int unitCode, FloatType.Value value, String channel,
      Instant observedAt) {
    boolean vendor = physio >= PRIVATE_CODES;
    Integer mdc = vendor ? null : (PARTITION_SCADA << 16) | physio;
    String code = vendor ? String.format("NOM_0x%04X", physio) : termName(mdc);
    String unit = MdcUnits.table().ucum((PARTITION_DIM << 16) | unitCode).orElse(null);
    String unitReceived = unit == null ? String.format("MDC dimension %d", (PARTITION_DIM << 16) | unitCode) : null;
    List<String> flags = new ArrayList<>();
    if ((state & IN_ALARM) != 0) {
      flags.add("in-alarm");
    }
    if ((state & ALARM_INHIBITED) != 0) {
      flags.add("alarm-inhibited");
    }
    Double number = value instanceof FloatType.Value.Number n ? n.value().doubleValue() : null;
    String valueReceived = value instanceof FloatType.Value.Marker m ? m.name()
        : number == null ? null : ((FloatType.Value.Number) value).value().toPlainString();
    String status = value instanceof FloatType.Value.Marker ? "no-value" : withdrawn(state);
    return new Observation(code, mdc, vendor ? "PHILIPS" : "MDC", channel, status == null ? number : null, unit,
        status, observedAt, null, null, null, status == null ? null : valueReceived, unitReceived, null, null, null,
        flags);
  }

  /** The reference id of an MDC code, from the enum or the pinned table; {@code MDC_<code>} when neither has it. */
  static String termName(int mdc) {
    return Mdc.byCode(mdc).map(Enum::name).or(() -> MdcTerms.table().byCode(mdc).map(MdcTerms.Term::name))
        .orElse("MDC_" + mdc);
  }

  /** The status of a measurement state that withdraws the value, or null when the value stands. */
  static String withdrawn(int state) {
    if ((state & INVALID) != 0) {
      return "invalid";
    }
    if ((state & UNAVAILABLE) != 0) {
      return "unavailable";
    }
    if ((state & QUESTIONABLE) != 0) {
      return "questionable";
    }
    if ((state & CALIBRATION_ONGOING) != 0) {
      return "calibrating";
    }
    if ((state & MSMT_ONGOING) != 0) {
      return "measuring";
    }
    return null;
  }

  /** The poll result is of numerics. */
  public static boolean numerics(DataExportMessage.PollResult poll) {
    return poll.objectClass() == CLASS_NUMERIC;
  }
}
