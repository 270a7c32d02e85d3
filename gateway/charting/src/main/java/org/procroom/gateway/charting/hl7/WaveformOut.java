package org.procroom.gateway.charting.hl7;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.api.WaveSegment;
import org.procroom.gateway.record.ClosedRecordRouter;
import org.procroom.gateway.store.DeliveryRouter.Delivery;
import org.procroom.gateway.store.Procedure;
import org.procroom.gateway.waves.StoredWave;

/**
 * A closed record's waveform windows as IHE PCD-01 ORU^R01 for the interface engine, one message
 * per strip, in the form monitors send waveforms: an OBR of MDC_OBS_WAVE_CTS from the first sample
 * to the end of the last, then the NA row of the samples as the device sent them (raw) with its
 * attribute rows below it (MDC_ATTR_SAMP_RATE in Hz, MDC_ATTR_NU_MSMT_RES the value of one raw step
 * in the unit). Where the device's scale has an offset, the samples go in the unit instead, without
 * a resolution row. Queued with the record's bundle, in the same commit.
 */
public final class WaveformOut implements ClosedRecordRouter {
  static final int WAVE_CTS = 69121;
  static final int SAMPLE_RATE = 0;
  static final int RESOLUTION = 2327;

  private final Hl7Segments segments;
  private final String room;

  public WaveformOut(Hl7Settings settings, String room, GatewayClock clock) {
    this.segments = new Hl7Segments(settings, room, clock);
    this.room = room;
  }

  @Override
  public List<Delivery> deliveries(Procedure closed, byte[] reportPdf, List<StoredWave> strips) {
    List<Delivery> out = new ArrayList<>();
    for (int i = 0; i < strips.size(); i++) {
      String controlId = "wave-" + closed.id() + "-" + (i + 1);
      out.add(new Delivery(Pcd01Out.QUEUE, controlId, message(closed, strips.get(i), controlId)
          .getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  String message(Procedure closed, StoredWave strip, String controlId) {
    WaveSegment s = strip.segment();
    Instant start = strip.start();
    StringBuilder m = new StringBuilder();
    segments.msh(m, "ORU^R01^ORU_R01", controlId, true);
    segments.patient(m, closed);
    m.append("OBR|1|").append(Hl7Text.escape(closed.id())).append("^PROCROOM|").append(controlId)
        .append("^PROCROOM|").append(WAVE_CTS).append("^MDC_OBS_WAVE_CTS^MDC|||").append(Hl7Text.time(start)).append('|')
        .append(Hl7Text.time(strip.end())).append('\r');
    String equipment = Hl7Text.escape(strip.deviceId()) + "^" + Hl7Text.escape(room);
    m.append("OBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1|||||||X|||||||").append(equipment).append('\r');
    boolean raw = s.offset() == 0;
    StringBuilder samples = new StringBuilder();
    for (int i = 0; i < s.size(); i++) {
      samples.append(i == 0 ? "" : "^").append(raw ? Integer.toString(s.raw(i)) : Hl7Text.number(s.value(i)));
    }
    String unit = s.unit() == null ? "" : Pcd01Out.unit(s.unit());
    m.append("OBX|2|NA|").append(code(s)).append("|1.0.0.1|").append(samples).append('|').append(raw ? "" : unit)
        .append("|||||F|||").append(Hl7Text.time(start)).append("||||").append(equipment).append('\r');
    m.append("OBX|3|NM|").append(SAMPLE_RATE).append("^MDC_ATTR_SAMP_RATE^MDC|1.0.0.1.1|")
        .append(Hl7Text.number(1e9 / s.samplePeriod().toNanos())).append("|264640^MDC_DIM_HZ^MDC^Hz^Hz^UCUM|||||F\r");
    if (raw) {
      m.append("OBX|4|NM|").append(RESOLUTION).append("^MDC_ATTR_NU_MSMT_RES^MDC|1.0.0.1.2|").append(Hl7Text.number(s.scale()))
          .append('|').append(unit).append("|||||F\r");
    }
    return m.toString();
  }

  /** The MDC term, or the device's channel name as a local code where it has none (an S/5's ECG1). */
  private static String code(WaveSegment s) {
    if (s.mdc() != null && s.code() != null) {
      return s.mdc() + "^" + Hl7Text.escape(s.code()) + "^MDC";
    }
    return Hl7Text.escape(s.channel()) + "^" + Hl7Text.escape(s.channel()) + "^99PROCROOM";
  }
}
