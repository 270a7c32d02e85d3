package org.procroom.simulators.vitals;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.procroom.simulators.vitals.IntellivueMessages.Numeric;
import org.procroom.simulators.vitals.IntellivueMessages.Polled;

/**
 * A Philips IntelliVue monitor speaking Data Export, over UDP (its Data Export port) or over a
 * serial port in MIB/RS-232 frames: answers the association request, sends its MDS Create, then
 * every second the results of each extended poll while it lasts (numerics from the physiology
 * script, the alert monitor's alarms) and every 256 ms the sample arrays' (ECG, pleth and
 * respiration waves, {@link IntellivueWaveSource}), answers single polls (patient demographics,
 * the sample arrays' static attributes, the MDS) and the release. Its clock runs {@code clockOffset} from the real one. Tests make it go silent,
 * abort, admit another patient, or hold back wave results.
 */
public final class IntellivueSimulator implements AutoCloseable {
  private static final int CLASS_MDS = 0x21;
  private static final int CLASS_NUMERIC = 0x06;
  private static final int CLASS_ALERT_MONITOR = 0x36;
  private static final int CLASS_PATIENT = 0x2A;
  private static final int CLASS_SAMPLE_ARRAY = 0x09;

  private final DatagramSocket udp;
  private final SerialDevice serial;
  private final PhysiologyScript script;
  private final Duration clockOffset;
  private final ZoneId zone;
  private final Instant start = Instant.now();
  private final Map<Integer, ExtendedPoll> polls = new ConcurrentHashMap<>();
  private final AtomicInteger associations = new AtomicInteger();
  private final Thread reader;
  private final Thread sender;
  private final Thread waveSender;
  private final java.util.concurrent.atomic.AtomicLong waveResultsSent = new java.util.concurrent.atomic.AtomicLong();
  private volatile IntellivueWaveSource waves = new IntellivueWaveSource(IntellivueWaveSource.STANDARD);
  private final AtomicInteger wavesToDrop = new AtomicInteger();
  private volatile SocketAddress client;
  private volatile boolean associated;
  private volatile boolean silent;
  private volatile boolean running = true;
  private volatile String[] patient = {"", "", ""};

  /** An extended poll in force: what it asked for and until when. */
  private record ExtendedPoll(int invokeId, int pollNumber, int objectClass, int group, Instant until,
      AtomicInteger sequence) {}

  private IntellivueSimulator(DatagramSocket udp, SerialDevice serial, PhysiologyScript script, Duration clockOffset,
      ZoneId zone) {
    this.udp = udp;
    this.serial = serial;
    this.script = script;
    this.clockOffset = clockOffset;
    this.zone = zone;
    reader = new Thread(udp != null ? this::readDatagrams : this::readFrames, "intellivue-sim-reader");
    sender = new Thread(this::sendPolls, "intellivue-sim-sender");
    waveSender = new Thread(this::sendWaves, "intellivue-sim-waves");
    reader.setDaemon(true);
    sender.setDaemon(true);
    waveSender.setDaemon(true);
    reader.start();
    sender.start();
    waveSender.start();
  }

  /** On UDP {@code port} of 127.0.0.1 (0: any free port; see {@link #port()}). */
  public static IntellivueSimulator lan(int port, PhysiologyScript script, Duration clockOffset, ZoneId zone)
      throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    socket.setSoTimeout(200);
    return new IntellivueSimulator(socket, null, script, clockOffset, zone);
  }

  /** On a serial port (115200 8N1). */
  public static IntellivueSimulator serial(String path, PhysiologyScript script, Duration clockOffset, ZoneId zone)
      throws IOException {
    return new IntellivueSimulator(null, new SerialDevice(path, 115200, SerialPort.NO_PARITY), script, clockOffset,
        zone);
  }

  public int port() {
    return udp.getLocalPort();
  }

  /** Association requests answered so far. */
  public int associations() {
    return associations.get();
  }

  /** While silent the monitor neither answers nor sends (a cable pulled, a monitor rebooting). */
  public void silent(boolean value) {
    silent = value;
    if (value) {
      associated = false;
      polls.clear();
    }
  }

  /** Admits a patient on the monitor (empty strings: none). */
  public void admit(String id, String family, String given) {
    patient = new String[] {id, family, given};
  }

  /**
   * Sends its Connect Indication every second to {@code beaconPort} of the multicast group
   * 224.0.23.63, as a real monitor does (on port 24005), from a socket of its own.
   */
  public void beacon(int beaconPort) {
    Thread t = new Thread(() -> {
      try (DatagramSocket s = new DatagramSocket()) {
        byte[] indication = IntellivueMessages.connectIndication(InetAddress.getLoopbackAddress().getAddress(), port());
        while (running) {
          s.send(new DatagramPacket(indication, indication.length, InetAddress.getByName("224.0.23.63"), beaconPort));
          sleep(1000);
        }
      } catch (IOException e) {
        // the simulator is closing
      }
    }, "intellivue-sim-beacon");
    t.setDaemon(true);
    t.start();
  }

  /** Sends bytes as they are, as a faulty monitor or a stray sender would. */
  public void sendRaw(byte[] message) throws IOException {
    send(message);
  }

  /** Aborts the association, as a monitor does when it is reconfigured. */
  public void abort() throws IOException {
    associated = false;
    polls.clear();
    send(IntellivueMessages.ABORT);
  }

  private void readDatagrams() {
    byte[] buffer = new byte[65_535];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (running) {
      try {
        packet.setLength(buffer.length);
        udp.receive(packet);
        if (!silent) {
          client = packet.getSocketAddress();
          handle(Arrays.copyOf(buffer, packet.getLength()));
        }
      } catch (SocketTimeoutException e) {
        // nothing this turn
      } catch (IOException e) {
        if (running) {
          sleep(100);
        }
      }
    }
  }

  /** Reads MIB frames: BOF, escaped bytes, EOF; header and FCS stripped (the gateway's FCS is trusted here). */
  private void readFrames() {
    byte[] buffer = new byte[1024];
    ByteArrayOutputStream frame = null;
    boolean escaped = false;
    while (running) {
      int n = serial.read(buffer);
      for (int i = 0; i < n; i++) {
        int b = buffer[i] & 0xFF;
        if (b == 0xC0) {
          frame = new ByteArrayOutputStream();
        } else if (frame != null && b == 0xC1) {
          byte[] body = frame.toByteArray();
          frame = null;
          if (body.length > 6 && !silent) {
            tryHandle(Arrays.copyOfRange(body, 4, body.length - 2));
          }
        } else if (frame != null && b == 0x7D) {
          escaped = true;
        } else if (frame != null) {
          frame.write(escaped ? b ^ 0x20 : b);
          escaped = false;
        }
      }
    }
  }

  private void tryHandle(byte[] message) {
    try {
      handle(message);
    } catch (IOException e) {
      // the line is gone; the gateway will ask again
    }
  }

  private void handle(byte[] m) throws IOException {
    int spdu = m[0] & 0xFF;
    if (spdu == 0x0D) { // association request
      associations.incrementAndGet();
      polls.clear();
      send(IntellivueMessages.ASSOCIATION_RESULT);
      long now = relativeTime();
      send(IntellivueMessages.mdsCreate(1, now, wallClock(now)));
      associated = true;
    } else if (spdu == 0x09) { // release request
      associated = false;
      polls.clear();
      send(IntellivueMessages.RELEASE_RESULT);
    } else if (spdu == 0x19) {
      associated = false;
      polls.clear();
    } else if (spdu == 0xE1 && m.length >= 36 && associated) {
      ByteBuffer b = ByteBuffer.wrap(m);
      int roType = b.getShort(4);
      int command = b.getShort(10);
      if (roType != 1 || command != 7) {
        return; // the MDS Create result, or nothing this monitor answers
      }
      int invokeId = b.getShort(8) & 0xFFFF;
      int action = b.getShort(24) & 0xFFFF;
      int pollNumber = b.getShort(28) & 0xFFFF;
      int objectClass = b.getShort(32) & 0xFFFF;
      int group = b.getShort(34) & 0xFFFF;
      if (action == 0xF13B) {
        Duration period = m.length >= 48 && (b.getShort(40) & 0xFFFF) == 0xF13E
            ? Duration.ofNanos((b.getInt(44) & 0xFFFFFFFFL) * 125_000) : Duration.ZERO;
        polls.put(objectClass, new ExtendedPoll(invokeId, pollNumber, objectClass, group, Instant.now().plus(period),
            new AtomicInteger()));
      } else if (action == 0x0C16) {
        send(IntellivueMessages.pollResult(invokeId, false, pollNumber, 0, relativeTime(), objectClass, group,
            objects(objectClass)));
      }
    }
  }

  private void sendPolls() {
    while (running) {
      sleep(1000);
      if (silent || !associated) {
        continue;
      }
      for (ExtendedPoll p : polls.values()) {
        if (p.objectClass() == CLASS_SAMPLE_ARRAY) {
          continue; // every 256 ms, by sendWaves
        }
        if (Instant.now().isAfter(p.until())) {
          polls.remove(p.objectClass());
          continue;
        }
        try {
          send(IntellivueMessages.pollResult(p.invokeId(), true, p.pollNumber(), p.sequence().getAndIncrement(),
              relativeTime(), p.objectClass(), p.group(), objects(p.objectClass())));
        } catch (IOException e) {
          // the gateway is away; it will associate again
        }
      }
    }
  }

  /**
   * The sample arrays' extended poll: 256 ms of each wave per result, on a schedule kept to the
   * monitor's relative time (each result's time is exactly the last one's plus 256 ms).
   */
  private void sendWaves() {
    long nextRelative = -1;
    long due = System.nanoTime();
    while (running) {
      ExtendedPoll p = polls.get(CLASS_SAMPLE_ARRAY);
      if (p == null || !associated || Instant.now().isAfter(p.until())) {
        nextRelative = -1;
        sleep(50);
        continue;
      }
      if (nextRelative < 0) {
        nextRelative = relativeTime();
        due = System.nanoTime();
      }
      long wait = due - System.nanoTime();
      if (wait > 0) {
        sleep(wait / 1_000_000);
        continue;
      }
      List<Polled> arrays = waves.next(script.at(Duration.between(start, Instant.now())));
      if (!silent && wavesToDrop.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
        try {
          send(IntellivueMessages.pollResult(p.invokeId(), true, p.pollNumber(), p.sequence().getAndIncrement(),
              nextRelative, CLASS_SAMPLE_ARRAY, p.group(), arrays));
          waveResultsSent.incrementAndGet();
        } catch (IOException e) {
          // the gateway is away; it will associate again
        }
      }
      nextRelative = (nextRelative + IntellivueWaveSource.ARRAY_TICKS) & 0xFFFFFFFFL;
      due += IntellivueWaveSource.ARRAY_TICKS * 125_000;
    }
  }

  /** Samples sent so far, by channel label (whole wave poll results; a dropped one is not sent). */
  public java.util.Map<String, Long> samplesSent() {
    return waves.samplesPerResult(waveResultsSent.get());
  }

  /** Sends ECG I, II and III, pleth, respiration and CO2 (the bench's monitor); call before the gateway associates. */
  public IntellivueSimulator allWaves() {
    waves = new IntellivueWaveSource(IntellivueWaveSource.ALL);
    return this;
  }

  /** The next {@code arrays} wave results are not sent, though the monitor's time moves on: a gap. */
  public void dropWaves(int arrays) {
    wavesToDrop.addAndGet(arrays);
  }

  private List<Polled> objects(int objectClass) {
    PhysiologyScript.Vitals v = script.at(Duration.between(start, Instant.now()));
    List<Polled> out = new ArrayList<>();
    switch (objectClass) {
      case CLASS_NUMERIC -> {
        out.add(new Polled(0x0101, IntellivueMessages.numerics(List.of(Numeric.of(0x4182, 0x0AA0, v.heartRate(), 0)))));
        out.add(new Polled(0x0102, IntellivueMessages.numerics(List.of(Numeric.of(0x4BB8, 0x0220, v.spo2(), 1)))));
        out.add(new Polled(0x0103, IntellivueMessages.numerics(List.of(Numeric.of(0x4822, 0x0AA0, v.heartRate(), 0)))));
        out.add(new Polled(0x0104, IntellivueMessages.numerics(List.of(Numeric.of(0x4A05, 0x0F20, v.systolic(), 0),
            Numeric.of(0x4A06, 0x0F20, v.diastolic(), 0), Numeric.of(0x4A07, 0x0F20, v.mean(), 0)))));
        out.add(new Polled(0x0105, IntellivueMessages.numerics(List.of(Numeric.of(0x500A, 0x0AE0,
            v.respirationRate(), 0)))));
        out.add(new Polled(0x0106, IntellivueMessages.numerics(List.of(Numeric.of(0x4B48, 0x17A0, v.temperature(), 1)))));
      }
      case CLASS_ALERT_MONITOR -> {
        List<IntellivueMessages.Alarm> physiological = v.heartRate() < 50
            ? List.of(new IntellivueMessages.Alarm(0x4182, 0x003E, 0x0400, 0x0008, "HR Low")) : List.of();
        out.add(new Polled(0x0001, IntellivueMessages.alarms(physiological, List.of())));
      }
      case CLASS_PATIENT -> {
        String[] p = patient;
        out.add(new Polled(0x0002, IntellivueMessages.demographics(p[0], p[1], p[2])));
      }
      case CLASS_SAMPLE_ARRAY -> out.addAll(waves.statics()); // a single poll: the static attributes
      case CLASS_MDS -> { } // the keep-alive: an empty result
      default -> { }
    }
    return out;
  }

  /** The monitor's relative time: 125 us ticks since it started, wrapping at 2^32. */
  private long relativeTime() {
    return (Duration.between(start, Instant.now()).toNanos() / 125_000) & 0xFFFFFFFFL;
  }

  /** The monitor's wall clock at a relative time: the real time then, off by {@code clockOffset}. */
  private LocalDateTime wallClock(long relative) {
    return LocalDateTime.ofInstant(start.plusNanos(relative * 125_000).plus(clockOffset), zone);
  }

  private synchronized void send(byte[] message) throws IOException {
    if (udp != null) {
      SocketAddress to = client;
      if (to != null) {
        udp.send(new DatagramPacket(message, message.length, to));
      }
    } else {
      serial.write(IntellivueMessages.frame(message));
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      reader.join(1000);
      sender.join(1500);
      waveSender.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (udp != null) {
      udp.close();
    } else {
      serial.close();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
