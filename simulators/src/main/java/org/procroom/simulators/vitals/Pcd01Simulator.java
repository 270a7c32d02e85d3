package org.procroom.simulators.vitals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A monitor acting as IHE PCD-01 Device Observation Reporter: connects over TCP, sends an ORU^R01
 * in MLLP every interval and waits for each acknowledgement (MSA-1 is recorded). The message is
 * written out by hand here, independently of the gateway's HAPI parser.
 */
public final class Pcd01Simulator implements AutoCloseable {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

  private final Socket socket;
  private final PhysiologyScript script;
  private final Duration clockOffset;
  private final String name;
  private final Instant start = Instant.now();
  private final List<String> acks = new CopyOnWriteArrayList<>();
  private final Thread sender;
  private volatile boolean running = true;
  private int sequence;

  public Pcd01Simulator(String host, int port, String name, PhysiologyScript script, Duration interval,
      Duration clockOffset) throws IOException {
    this.socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), 3000);
    socket.setSoTimeout(15000);
    this.script = script;
    this.clockOffset = clockOffset;
    this.name = name;
    sender = new Thread(() -> loop(interval), "pcd01-sim-" + name);
    sender.setDaemon(true);
    sender.start();
  }

  /** MSA-1 of each acknowledgement received (AA, AE, AR). */
  public List<String> acknowledgements() {
    return List.copyOf(acks);
  }

  private void loop(Duration interval) {
    try {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      while (running) {
        send(out, in, oru(script.at(Duration.between(start, Instant.now()))));
        Thread.sleep(interval.toMillis());
      }
    } catch (IOException | InterruptedException e) {
      running = false;
    }
  }

  /** Sends one message and waits for its acknowledgement. */
  public synchronized void send(OutputStream out, InputStream in, String message) throws IOException {
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    framed.write(0x0B);
    framed.write(message.getBytes(StandardCharsets.UTF_8));
    framed.write(0x1C);
    framed.write(0x0D);
    out.write(framed.toByteArray());
    out.flush();
    ByteArrayOutputStream ack = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != 0x1C) {
      if (b != 0x0B) {
        ack.write(b);
      }
    }
    in.read();
    String text = ack.toString(StandardCharsets.UTF_8);
    int msa = text.indexOf("MSA|");
    acks.add(msa < 0 ? "?" : text.substring(msa + 4, msa + 6));
  }

  String oru(PhysiologyScript.Vitals v) {
    String now = TS.format(Instant.now().plus(clockOffset).atZone(ZoneId.systemDefault()));
    String id = name + "-" + (++sequence);
    return String.join("\r",
        "MSH|^~\\&|" + name + "^0012345678ABCDEF^EUI-64|OR|||" + now + "||ORU^R01^ORU_R01|" + id + "|P|2.6|||NE|AL"
            + "||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
        "PID|||SIM-PATIENT^^^SIM^MR",
        "OBR|1|||182777000^monitoring of patient^SNOMED-CT|||" + now,
        obx(1, "147842^MDC_ECG_HEART_RATE^MDC", "1.1.1.1", v.heartRate(), "264864^MDC_DIM_BEAT_PER_MIN^MDC", now, ""),
        obx(2, "150456^MDC_PULS_OXIM_SAT_O2^MDC", "1.2.1.1", v.spo2(), "262688^MDC_DIM_PERCENT^MDC", now, ""),
        obx(3, "150301^MDC_PRESS_CUFF_SYS^MDC", "1.3.1.1", v.systolic(), "266016^MDC_DIM_MMHG^MDC", now, "^APERIODIC"),
        obx(4, "150302^MDC_PRESS_CUFF_DIA^MDC", "1.3.1.2", v.diastolic(), "266016^MDC_DIM_MMHG^MDC", now, "^APERIODIC"),
        obx(5, "151562^MDC_RESP_RATE^MDC", "1.4.1.1", v.respirationRate(), "264928^MDC_DIM_RESP_PER_MIN^MDC", now, ""))
        + "\r";
  }

  private static String obx(int set, String code, String metric, double value, String unit, String time,
      String method) {
    return String.format(Locale.ROOT, "OBX|%d|NM|%s|%s|%s|%s|||||R|||%s|||%s", set, code, metric,
        value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value), unit, time, method);
  }

  @Override
  public void close() {
    running = false;
    sender.interrupt();
    try {
      socket.close();
    } catch (IOException ignored) {
      // the simulated monitor is going away
    }
  }
}
