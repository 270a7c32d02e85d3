package org.procroom.simulators.vitals;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Datex-Ohmeda S/5 monitor on a serial port: waits for the displayed-values request, then sends
 * a physiological record with the basic class every requested interval, and after a waveform
 * request a waveform record of the requested types every 250 ms (stopped by a stop request),
 * framed with flags, escapes and checksum. Written apart from the gateway's codec so that each
 * checks the other.
 */
public final class S5Simulator implements AutoCloseable {
  private final SerialDevice port;
  private final PhysiologyScript script;
  private final Duration clockOffset;
  private final Instant start = Instant.now();
  private final AtomicInteger requestedInterval = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final Thread reader;
  private final Thread sender;
  private final Thread waveSender;
  private final S5WaveSource waveSource = new S5WaveSource();
  private volatile List<Integer> waveTypes = List.of();
  private final AtomicInteger waveRequests = new AtomicInteger();
  private final AtomicInteger wavesToDrop = new AtomicInteger();
  private volatile boolean running = true;

  public S5Simulator(String path, PhysiologyScript script, Duration clockOffset) throws IOException {
    this.port = new SerialDevice(path, 19200, SerialPort.EVEN_PARITY);
    this.script = script;
    this.clockOffset = clockOffset;
    reader = new Thread(this::readRequests, "s5-sim-reader");
    sender = new Thread(this::sendValues, "s5-sim-sender");
    waveSender = new Thread(this::sendWaves, "s5-sim-waves");
    reader.setDaemon(true);
    sender.setDaemon(true);
    waveSender.setDaemon(true);
    reader.start();
    sender.start();
    waveSender.start();
  }

  /** Waveform requests received so far. */
  public int waveRequests() {
    return waveRequests.get();
  }

  /** Leaves out the next {@code records} waveform records; the one after says GAP, as the monitor does after a loss. */
  public void dropWaves(int records) {
    wavesToDrop.addAndGet(records);
  }

  /** Requests received so far (the gateway sends one on every connect). */
  public int requests() {
    return requests.get();
  }

  private void readRequests() {
    byte[] buffer = new byte[512];
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    boolean escaped = false;
    while (running) {
      int n = port.read(buffer);
      if (n < 0) {
        return;
      }
      for (int i = 0; i < n; i++) {
        int b = buffer[i] & 0xFF;
        if (b == 0x7E) {
          byte[] body = frame.toByteArray();
          // request: 49-byte record + checksum; phdb_rcrd_type at 40 (1 = displayed), interval at 41
          if (body.length == 50 && body[40] == 1) {
            requestedInterval.set((body[41] & 0xFF) | (body[42] & 0xFF) << 8);
            requests.incrementAndGet();
          } else if (body.length == 73 && body[14] == 1) {
            waveRequest(body);
          }
          frame.reset();
        } else if (b == 0x7D) {
          escaped = true;
        } else {
          frame.write(escaped ? b ^ 0x20 : b);
          escaped = false;
        }
      }
    }
  }

  /** Waveform request: req_type at 40 (0 start, 1 stop), type[8] at 44 ended by 0xFF. */
  private void waveRequest(byte[] body) {
    List<Integer> types = new java.util.ArrayList<>();
    if (body[40] == 0) {
      for (int i = 44; i < 52 && (body[i] & 0xFF) != 0xFF; i++) {
        types.add(body[i] & 0xFF);
      }
    }
    synchronized (waveSource) {
      waveSource.restart();
      waveTypes = List.copyOf(types);
    }
    waveRequests.incrementAndGet();
  }

  private void sendWaves() {
    boolean lost = false;
    while (running) {
      try {
        Thread.sleep(250);
        byte[] record;
        synchronized (waveSource) {
          record = waveSource.next(waveTypes, script.at(Duration.between(start, Instant.now())),
              Instant.now().plus(clockOffset), lost);
        }
        if (record == null) {
          continue;
        }
        if (wavesToDrop.get() > 0) {
          wavesToDrop.decrementAndGet();
          lost = true;
          continue;
        }
        lost = false;
        synchronized (port) {
          port.write(frame(record));
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        running = false;
      }
    }
  }

  private void sendValues() {
    while (running) {
      int interval = requestedInterval.get();
      try {
        Thread.sleep(interval == 0 ? 100 : interval * 1000L);
        if (interval > 0 && running) {
          byte[] frame = frame(record(script.at(Duration.between(start, Instant.now()))));
          synchronized (port) {
            port.write(frame);
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        running = false;
      }
    }
  }

  private byte[] record(PhysiologyScript.Vitals v) {
    ByteBuffer b = ByteBuffer.allocate(318).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(0, (short) 318);
    b.put(3, (byte) 0x0A);
    b.putInt(6, (int) Instant.now().plus(clockOffset).getEpochSecond());
    b.put(18, (byte) 1);
    b.put(21, (byte) 0xFF);
    int block = 44;
    b.putInt(block, 3);
    b.putShort(block + 6, (short) Math.round(v.heartRate()));
    b.putInt(block + 72, 3);
    b.putShort(block + 78, (short) Math.round(v.systolic() * 100));
    b.putShort(block + 80, (short) Math.round(v.diastolic() * 100));
    b.putShort(block + 82, (short) Math.round(v.mean() * 100));
    b.putInt(block + 86, 3);
    b.putShort(block + 92, (short) Math.round(v.temperature() * 100));
    b.putInt(block + 118, 3);
    b.putShort(block + 124, (short) Math.round(v.spo2() * 100));
    b.putShort(block + 126, (short) Math.round(v.heartRate()));
    b.putInt(block + 132, 3);
    b.putShort(block + 138, (short) Math.round(v.etco2Percent() * 100));
    b.putShort(block + 142, (short) Math.round(v.respirationRate()));
    b.putShort(block + 272, (short) 0x000A);
    return b.array();
  }

  private static byte[] frame(byte[] record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x7E);
    int checksum = 0;
    for (byte value : record) {
      checksum = (checksum + (value & 0xFF)) & 0xFF;
      stuff(out, value & 0xFF);
    }
    stuff(out, checksum);
    out.write(0x7E);
    return out.toByteArray();
  }

  private static void stuff(ByteArrayOutputStream out, int b) {
    if (b == 0x7E || b == 0x7D) {
      out.write(0x7D);
    }
    out.write(b == 0x7E || b == 0x7D ? b ^ 0x20 : b);
  }

  @Override
  public void close() {
    running = false;
    sender.interrupt();
    waveSender.interrupt();
    port.close();
  }
}
