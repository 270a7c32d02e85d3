package org.procroom.simulators.vitals;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A Masimo Radical-7 in "ASCII 1" mode: one line a second at 9600 8N1, CR LF. */
public final class MasimoSimulator implements AutoCloseable {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MM/dd/yy HH:mm:ss");

  private final SerialDevice port;
  private final PhysiologyScript script;
  private final Duration clockOffset;
  private final ZoneId zone;
  private final Instant start = Instant.now();
  private final Thread sender;
  private volatile boolean running = true;
  private volatile boolean sensorOff;

  public MasimoSimulator(String path, PhysiologyScript script, Duration clockOffset, ZoneId zone) throws IOException {
    this.port = new SerialDevice(path, 9600, SerialPort.NO_PARITY);
    this.script = script;
    this.clockOffset = clockOffset;
    this.zone = zone;
    sender = new Thread(this::send, "masimo-sim");
    sender.setDaemon(true);
    sender.start();
  }

  /** Takes the probe off the finger (dashes and the "sensor off patient" exception bit) or puts it back. */
  public void sensorOff(boolean off) {
    sensorOff = off;
  }

  private void send() {
    while (running) {
      try {
        Thread.sleep(1000);
        port.write(line(script.at(Duration.between(start, Instant.now()))).getBytes(StandardCharsets.US_ASCII));
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        running = false;
      }
    }
  }

  String line(PhysiologyScript.Vitals v) {
    String stamp = LocalDateTime.ofInstant(Instant.now().plus(clockOffset), zone).format(STAMP);
    if (sensorOff) {
      return stamp + " SN=0000012345 SPO2=---% BPM=--- PI=--.-- SPCO=--.-% SPMET=--.-% DESAT=-- PIDELTA=+-- "
          + "PVI=--- ALARM=000000 EXC=000020\r\n";
    }
    return String.format(Locale.ROOT, "%s SN=0000012345 SPO2=%03d%% BPM=%03d PI=%05.2f SPCO=--.-%% SPMET=--.-%% "
        + "DESAT=-- PIDELTA=+-- PVI=--- ALARM=000000 EXC=000000\r\n", stamp, Math.round(v.spo2()),
        Math.round(v.heartRate()), 3.1);
  }

  @Override
  public void close() {
    running = false;
    sender.interrupt();
    port.close();
  }
}
