package org.procroom.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.procroom.simulators.scanner.ScannerSimulator;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.FreePort;

/**
 * Events from simulated devices over their wire protocols (scanners over TCP, PCD-01 monitors over
 * MLLP) through decode, durable commit and QoS 1 publish, to a subscriber on the same Mosquitto.
 */
final class EventPathBench {
  static final String PATIENT = "123456789000042425";
  /** Outstanding scans (sent, not yet at the subscriber) a saturating sender allows itself. */
  private static final int WINDOW = 4000;

  /**
   * One measured run; {@code confirmedWithin10ms} is the share of the window's broker confirmations
   * (PUBACK) that came within 10 ms of the event's receive time, from the gateway's own histogram.
   */
  record Run(double eventsPerSecond, Latency latency, double maxRssMiB, long maxThreads, double confirmedWithin10ms) {}

  private final Path repo;

  EventPathBench(Path repo) {
    this.repo = repo;
  }

  /** The room's devices and their ports: scanners are TCP servers the gateway dials; PCD-01 monitors dial the gateway. */
  record Devices(List<Integer> scannerPorts, int pcd01Port, int dicomPort, int mppsPort) {
    static Devices pick(int scanners) {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < scanners; i++) {
        ports.add(FreePort.pick());
      }
      return new Devices(ports, FreePort.pick(), FreePort.pick(), FreePort.pick());
    }
  }

  String config(Path dataDir, String brokerUrl, Devices devices, int batchMax) {
    StringBuilder drivers = new StringBuilder();
    for (int i = 0; i < devices.scannerPorts().size(); i++) {
      drivers.append("""
            scanner-%d:
              type: barcode-scanner
              transport: tcp
              host: 127.0.0.1
              tcpPort: %d
              formulary: %s
              recalls: %s
          """.formatted(i + 1, devices.scannerPorts().get(i), repo.resolve("config/formulary.yaml"),
          repo.resolve("config/recalls.yaml")));
    }
    return """
        room: bench-room
        data: {dir: %s}
        http: {host: 127.0.0.1}
        mqtt: {url: "%s"}
        store: {batchMax: %d}
        drivers:
        %s
          pcd01:
            type: ihe-pcd01
            bindAddress: 127.0.0.1
            port: %d
          ultrasound:
            type: dicom-storage
            bindAddress: 127.0.0.1
            port: %d
            mppsPort: %d
            aeTitle: PROCROOM
            allowedCallers: US01@127.0.0.1
            maxAssociations: 8
        """.formatted(dataDir, brokerUrl, batchMax, drivers.toString().stripTrailing(), devices.pcd01Port(),
        devices.dicomPort(), devices.mppsPort());
  }

  /** Opens a procedure and identifies the patient, so vials scanned later are plain OK scans. */
  static void openProcedure(GatewayProcess gateway, ScannerSimulator scanner) throws Exception {
    gateway.post("/api/procedures", "{\"procedureType\":\"TPI\",\"patientRef\":\"" + PATIENT + "\"}");
    scanner.scan("]d28018" + PATIENT);
  }

  static String vial(long serial) {
    return "]d20100304094276014" + "17271130" + "10LID2401" + "<GS>" + "21" + serial;
  }

  /** Two scanners (a scan every 2 s each) and three networked monitors (every second), as a busy room. */
  Run roomLoad(GatewayProcess gateway, FeedSubscriber feed, List<ScannerSimulator> scanners, Devices devices,
      Duration length) throws Exception {
    List<Pcd01Simulator> monitors = new ArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> senders = new ArrayList<>();
    try {
      startMonitors(monitors, devices, "MON", Duration.ofSeconds(1));
      for (int i = 0; i < 2; i++) {
        ScannerSimulator scanner = scanners.get(i);
        long base = 1_000_000L * (i + 1);
        Thread t = new Thread(() -> {
          long n = base;
          while (running.get()) {
            try {
              scanner.scan(vial(n++));
              Thread.sleep(2000);
            } catch (Exception e) {
              return;
            }
          }
        }, "room-scanner-" + i);
        t.start();
        senders.add(t);
      }
      return measure(gateway, feed, Duration.ofSeconds(3), length);
    } finally {
      running.set(false);
      for (Thread t : senders) {
        t.interrupt();
        t.join();
      }
      monitors.forEach(Pcd01Simulator::close);
    }
  }

  /** Three monitors sending as fast as their acknowledgements allow, unmeasured. */
  void monitorBurst(Devices devices, Duration length) throws Exception {
    List<Pcd01Simulator> monitors = new ArrayList<>();
    try {
      startMonitors(monitors, devices, "BURST", Duration.ofMillis(1));
      Thread.sleep(length.toMillis());
    } finally {
      monitors.forEach(Pcd01Simulator::close);
    }
  }

  /** Three networked monitors on a calm patient, each sending every {@code interval}; added to {@code into} as they start. */
  private static void startMonitors(List<Pcd01Simulator> into, Devices devices, String name, Duration interval)
      throws Exception {
    for (int i = 0; i < 3; i++) {
      into.add(new Pcd01Simulator("127.0.0.1", devices.pcd01Port(), name + i, PhysiologyScript.calm(), interval, Duration.ZERO));
    }
  }

  /** Every scanner sends as fast as the window of undelivered scans allows. */
  Run saturation(GatewayProcess gateway, FeedSubscriber feed, List<ScannerSimulator> scanners, Duration length)
      throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong sent = new AtomicLong();
    long deliveredBefore = feed.delivered.get();
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < scanners.size(); i++) {
      ScannerSimulator scanner = scanners.get(i);
      long base = 100_000_000L * (i + 1);
      Thread t = new Thread(() -> {
        long n = base;
        while (running.get()) {
          try {
            while (sent.get() - (feed.delivered.get() - deliveredBefore) > WINDOW && running.get()) {
              Thread.sleep(1);
            }
            scanner.scan(vial(n++));
            sent.incrementAndGet();
          } catch (Exception e) {
            return;
          }
        }
      }, "saturating-scanner-" + i);
      t.start();
      senders.add(t);
    }
    try {
      return measure(gateway, feed, Duration.ofSeconds(3), length);
    } finally {
      running.set(false);
      for (Thread t : senders) {
        t.join();
      }
    }
  }

  /** After a warm-up, counts deliveries and latencies over {@code length}, sampling the gateway's RSS and threads. */
  private static Run measure(GatewayProcess gateway, FeedSubscriber feed, Duration warmup, Duration length)
      throws Exception {
    Thread.sleep(warmup.toMillis());
    feed.latencyMicros.reset();
    GatewayProcess.Confirmations c0 = gateway.confirmations();
    long d0 = feed.delivered.get();
    long t0 = System.nanoTime();
    long end = t0 + length.toNanos();
    double rss = 0;
    long threads = 0;
    while (System.nanoTime() < end) {
      rss = Math.max(rss, gateway.rssMiB());
      threads = Math.max(threads, gateway.threads());
      Thread.sleep(250);
    }
    long d1 = feed.delivered.get();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Histogram h = feed.latencyMicros.getIntervalHistogram();
    GatewayProcess.Confirmations c1 = gateway.confirmations();
    return new Run((d1 - d0) / seconds, Latency.of(h), rss, threads,
        (double) (c1.within10ms() - c0.within10ms()) / Math.max(1, c1.total() - c0.total()));
  }

  static Map<String, String> env() {
    return Map.of("PROCROOM_LOG_LEVEL", "WARN");
  }
}
