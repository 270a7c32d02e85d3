package org.procroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.procroom.bench.codecs.CodecBenchmarks;
import org.procroom.simulators.scanner.ScannerSimulator;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * {@code ./procroom bench [--quick]}: every figure beside a peer measured in the same run, printed
 * as a table; the full run also writes docs/benchmarks.md. {@code ./procroom bench charting} runs
 * the charting bench alone (ChartingReport), {@code ./procroom bench dicom} DICOM ingest beside
 * Orthanc and forwarding to an archive (DicomReport), {@code ./procroom bench waves [--duration 30m]} three
 * monitors' waveforms at room load (WaveReport).
 */
public final class BenchMain {
  private final boolean quick;
  private final Path repo;
  private final Path work;
  private final Report report = new Report();

  private BenchMain(boolean quick, Path repo) {
    this.quick = quick;
    this.repo = repo;
    this.work = repo.resolve("bench/target/run");
  }

  public static void main(String[] args) throws Exception {
    List<String> given = List.of(args);
    boolean quick = given.contains("--quick");
    Path repo = Path.of(System.getProperty("procroom.repo", ".")).toAbsolutePath().normalize();
    if (given.contains("charting")) {
      Duration outage = duration(given, "--outage", Duration.ofSeconds(quick ? 30 : 600));
      ChartingReport.run(repo, quick, outage, Machine.describe(repo.resolve("bench/target")));
    } else if (given.contains("waves")) {
      Duration length = duration(given, "--duration", Duration.ofSeconds(quick ? 60 : 1800));
      WaveReport.run(repo, quick, length, Machine.describe(repo.resolve("bench/target")));
    } else if (given.contains("dicom")) {
      DicomReport.run(repo, quick, Machine.describe(repo.resolve("bench/target")));
    } else {
      new BenchMain(quick, repo).run();
    }
    System.exit(0);
  }

  /** The duration after {@code flag} ({@code 10m}, {@code 60m}), or {@code fallback} when the flag is not given. */
  private static Duration duration(List<String> given, String flag, Duration fallback) {
    int at = given.indexOf(flag);
    if (at < 0 || at + 1 >= given.size()) {
      return fallback;
    }
    return org.procroom.gateway.api.DriverSettings.parseDuration(given.get(at + 1))
        .orElseThrow(() -> new IllegalArgumentException(flag + ": expected a duration such as 10m or 60m"));
  }

  private Duration scaled(int quickSeconds, int fullSeconds) {
    return Duration.ofSeconds(quick ? quickSeconds : fullSeconds);
  }

  private void run() throws Exception {
    Instant started = Instant.now();
    deleteTree(work);
    Files.createDirectories(work);
    report.machine = Machine.describe(work);
    codecs();
    eventPathAndDicom();
    groupCommitOff();
    ceilings();
    report.duration = Duration.between(started, Instant.now());
    String table = report.table(quick);
    System.out.println(table);
    Path out = quick ? repo.resolve("bench/target/benchmarks-quick.md") : repo.resolve("docs/benchmarks.md");
    Files.writeString(out, report.markdown(quick));
    System.out.println("written: " + out);
  }

  private void codecs() throws Exception {
    Options options = new OptionsBuilder().include(CodecBenchmarks.class.getName()).forks(1)
        .warmupIterations(quick ? 2 : 3).warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2))
        .jvmArgs("-Xmx256m").shouldDoGC(false).build();
    Collection<RunResult> results = new Runner(options).run();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
      report.codecs.put(name, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
    }
    report.s5FrameBytes = CodecBenchmarks.s5FrameBytes();
  }

  private void eventPathAndDicom() throws Exception {
    EventPathBench bench = new EventPathBench(repo);
    EventPathBench.Devices devices = EventPathBench.Devices.pick(4);
    List<ScannerSimulator> scanners = new ArrayList<>();
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("broker"))) {
      for (int port : devices.scannerPorts()) {
        scanners.add(ScannerSimulator.tcp(port, ScannerSimulator.Terminator.CR));
      }
      Path dir = work.resolve("gateway");
      try (GatewayProcess gateway = GatewayProcess.start(dir, bench.config(dir.resolve("data"), broker.url(), devices, 512),
          EventPathBench.env(), FreePort.pick());
           FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/bench-room/events/#")) {
        report.startup = gateway.startup;
        Thread.sleep(5000);
        report.idleRssMiB = gateway.rssMiB();
        report.idleThreads = gateway.threads();
        EventPathBench.openProcedure(gateway, scanners.get(0));
        // Saturation and a burst from the monitors first: room load is then measured on a warmed-up JVM, every
        // device path compiled, as on a box that has run for a while.
        report.saturation = bench.saturation(gateway, feed, scanners, scaled(15, 60));
        bench.monitorBurst(devices, scaled(5, 10));
        Thread.sleep(3000);
        report.room = bench.roomLoad(gateway, feed, scanners, devices, scaled(20, 60));
        report.payload = feed.lastPayload;
        dicom(gateway, devices);
        report.afterLoadThreads = gateway.threads();
      }
    } finally {
      scanners.forEach(ScannerSimulator::close);
    }
  }

  private void dicom(GatewayProcess gateway, EventPathBench.Devices devices) throws Exception {
    int cine = quick ? 4 : 12;
    int stills = quick ? 16 : 48;
    DicomIngestBench.Corpus one = DicomIngestBench.corpus(work.resolve("corpus-1"), cine, stills, 30);
    DicomIngestBench.Corpus parallel = DicomIngestBench.corpus(work.resolve("corpus-4"), cine, stills, 30);
    report.corpus = one;
    int storescpPort = FreePort.pick();
    Process storescp = DicomIngestBench.storescp(work.resolve("storescp"), storescpPort, work.resolve("storescp.log"));
    try {
      report.dicomPeer1 = DicomIngestBench.send(one, storescpPort, 1, work);
      report.dicomOurs1 = DicomIngestBench.send(one, devices.dicomPort(), 1, work);
      report.dicomPeer4 = DicomIngestBench.send(parallel, storescpPort, 4, work);
      report.dicomOurs4 = DicomIngestBench.send(parallel, devices.dicomPort(), 4, work);
    } finally {
      storescp.destroy();
      storescp.waitFor();
    }
    report.dicomStoredByUs = DicomIngestBench.filesBelow(work.resolve("gateway/data/dicom"));
    report.dicomStoredByPeer = DicomIngestBench.filesBelow(work.resolve("storescp"));
  }

  private void groupCommitOff() throws Exception {
    EventPathBench bench = new EventPathBench(repo);
    EventPathBench.Devices devices = EventPathBench.Devices.pick(4);
    List<ScannerSimulator> scanners = new ArrayList<>();
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("broker-2"))) {
      for (int port : devices.scannerPorts()) {
        scanners.add(ScannerSimulator.tcp(port, ScannerSimulator.Terminator.CR));
      }
      Path dir = work.resolve("gateway-batch1");
      try (GatewayProcess gateway = GatewayProcess.start(dir, bench.config(dir.resolve("data"), broker.url(), devices, 1),
          EventPathBench.env(), FreePort.pick());
           FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/bench-room/events/#")) {
        EventPathBench.openProcedure(gateway, scanners.get(0));
        report.saturationOneCommitPerEvent = bench.saturation(gateway, feed, scanners, scaled(10, 30));
      }
    } finally {
      scanners.forEach(ScannerSimulator::close);
    }
  }

  private void ceilings() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("broker-3"))) {
      // 20,000 messages a round: mosquitto_pub -l ends its session at end of input, and with much longer inputs
      // it left messages unsent. The full run takes the median of three rounds.
      List<Double> rounds = new ArrayList<>();
      for (int i = 0; i < (quick ? 1 : 3); i++) {
        rounds.add(Ceilings.mosquittoPub(broker, report.payload, 20_000));
      }
      rounds.sort(null);
      report.mosquittoPub = rounds.get(rounds.size() / 2);
    }
    report.sqliteBatched = Ceilings.sqlite(work, report.payload, 512, scaled(3, 10));
    report.sqlitePerRow = Ceilings.sqlite(work, report.payload, 1, scaled(3, 10));
  }

  /** Removes a run's folder: every run starts from empty stores. */
  static void deleteTree(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Everything measured, and how it is printed. */
  static final class Report {
    String machine;
    Duration duration;
    final Map<String, double[]> codecs = new LinkedHashMap<>();
    int s5FrameBytes;
    Duration startup;
    double idleRssMiB;
    long idleThreads;
    long afterLoadThreads;
    EventPathBench.Run room;
    EventPathBench.Run saturation;
    EventPathBench.Run saturationOneCommitPerEvent;
    String payload = "";
    double mosquittoPub;
    double sqliteBatched;
    double sqlitePerRow;
    DicomIngestBench.Corpus corpus;
    DicomIngestBench.Run dicomOurs1;
    DicomIngestBench.Run dicomPeer1;
    DicomIngestBench.Run dicomOurs4;
    DicomIngestBench.Run dicomPeer4;
    long dicomStoredByUs;
    long dicomStoredByPeer;

    private static String f(double v) {
      return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ratio(double ours, double peer) {
      return String.format(Locale.ROOT, "%.2f", ours / peer);
    }

    private List<String[]> rows() {
      List<String[]> rows = new ArrayList<>();
      double slowerCeiling = Math.min(mosquittoPub, sqliteBatched);
      rows.add(new String[] {"Event path, saturation (events/s to a QoS 1 subscriber)", f(saturation.eventsPerSecond()),
          "mosquitto_pub -q 1: " + f(mosquittoPub) + " msg/s", ratio(saturation.eventsPerSecond(), mosquittoPub)});
      rows.add(new String[] {"", "", "SQLite, 512 rows/commit: " + f(sqliteBatched) + " events/s",
          ratio(saturation.eventsPerSecond(), sqliteBatched)});
      rows.add(new String[] {"Event path vs the slower ceiling (target >= 0.50)", f(saturation.eventsPerSecond()),
          f(slowerCeiling), ratio(saturation.eventsPerSecond(), slowerCeiling)});
      rows.add(new String[] {"Saturation latency p50 / p99 / p99.9 (ms)", latency(saturation.latency()), "", ""});
      rows.add(new String[] {"Room load (2 scanners, 3 PCD-01 monitors): events/s", f(room.eventsPerSecond()), "", ""});
      rows.add(new String[] {"Room load latency p50 / p99 / p99.9 (ms; target p99 < 20)", latency(room.latency()), "", ""});
      rows.add(new String[] {"Room load: broker confirmations (PUBACK) within 10 ms",
          String.format(Locale.ROOT, "%.1f %%", 100 * room.confirmedWithin10ms()), "", ""});
      rows.add(new String[] {"Durability: group commit vs a commit per event (events/s)", f(saturation.eventsPerSecond()),
          "batchMax 1: " + f(saturationOneCommitPerEvent.eventsPerSecond()),
          ratio(saturation.eventsPerSecond(), saturationOneCommitPerEvent.eventsPerSecond())});
      rows.add(new String[] {"", "", "SQLite, 1 row/commit: " + f(sqlitePerRow) + " events/s",
          ratio(saturationOneCommitPerEvent.eventsPerSecond(), sqlitePerRow) + " (batchMax 1 / it)"});
      rows.add(dicom("DICOM ingest, 1 association (objects/s | MB/s)", dicomOurs1, dicomPeer1));
      rows.add(dicom("DICOM ingest, 4 associations (objects/s | MB/s)", dicomOurs4, dicomPeer4));
      rows.add(new String[] {"GS1 decode (ops/s)", codec("gs1Decode"), "", ""});
      rows.add(new String[] {"S/5 frame decode (frames/s, " + s5FrameBytes + " B each)", codec("s5FrameDecode"),
          f(codecs.get("s5FrameDecode")[0] * s5FrameBytes / 1e6) + " MB/s", ""});
      rows.add(new String[] {"HL7 PCD-01 parse + mapping (msgs/s)", codec("hl7Parse"), "HAPI parse alone: " + codec("hapiParse"),
          ratio(codecs.get("hl7Parse")[0], codecs.get("hapiParse")[0])});
      rows.add(new String[] {"Start-up to /health (s)", String.format(Locale.ROOT, "%.2f", startup.toMillis() / 1000.0), "", ""});
      rows.add(new String[] {"RSS idle / under saturation (MiB; target idle < 256)", f(idleRssMiB) + " / "
          + f(saturation.maxRssMiB()), "", ""});
      rows.add(new String[] {"Threads idle / under load / after load", idleThreads + " / " + saturation.maxThreads() + " / "
          + afterLoadThreads, "", ""});
      return rows;
    }

    private String codec(String name) {
      double[] r = codecs.get(name);
      return f(r[0]) + " ± " + f(r[1]);
    }

    private static String latency(Latency l) {
      return String.format(Locale.ROOT, "%.2f / %.2f / %.2f (n=%d, max %.1f)", l.p50(), l.p99(), l.p999(), l.samples(), l.max());
    }

    private static String[] dicom(String name, DicomIngestBench.Run ours, DicomIngestBench.Run peer) {
      return new String[] {name, f(ours.objectsPerSecond()) + " | " + f(ours.megabytesPerSecond()),
          "storescp: " + f(peer.objectsPerSecond()) + " | " + f(peer.megabytesPerSecond()),
          ratio(ours.objectsPerSecond(), peer.objectsPerSecond())};
    }

    String table(boolean quick) {
      StringBuilder out = new StringBuilder();
      out.append(String.format("%nProcRoom Gateway benchmarks (%s, %d s)%n", quick ? "quick" : "full", duration.toSeconds()));
      for (String[] r : rows()) {
        out.append(String.format("%-62s %-34s %-44s %s%n", r[0], r[1], r[2], r[3]));
      }
      return out.toString();
    }

    String markdown(boolean quick) {
      StringBuilder md = new StringBuilder();
      md.append("# Benchmarks\n\n");
      md.append("Produced by `./procroom bench").append(quick ? " --quick" : "").append("` on ")
          .append(java.time.LocalDate.now()).append(" in ").append(duration.toSeconds()).append(" s. Every figure of ours ")
          .append("stands beside a peer measured in the same run on the same machine; ratios are ours / peer ")
          .append("(above 1: faster than the peer).\n\n## Machine\n\n").append(machine).append("\n\n## Results\n\n")
          .append("| measure | ProcRoom | peer | ratio |\n|---|---|---|---|\n");
      for (String[] r : rows()) {
        md.append("| ").append(String.join(" | ", r)).append(" |\n");
      }
      md.append("\n## How each figure is measured\n\n")
          .append("- **Event path**: scanner simulators serve scans over TCP (the gateway's network-scanner transport); ")
          .append("each scan is decoded, checked against the formulary, committed with its outbox row (WAL, ")
          .append("synchronous=FULL, group commit) and published at QoS 1 to Mosquitto on loopback; a QoS 1 subscriber ")
          .append("in the bench process counts deliveries. Saturation: four scanners send as fast as a window of ")
          .append("4,000 undelivered scans allows; events/s is deliveries per second after a 3 s warm-up. Latency is ")
          .append("from the gateway's receive timestamp (taken when the device's bytes are read) to the subscriber, ")
          .append("same host and clock (HdrHistogram). Room load is measured after the saturation run and a burst ")
          .append("from three monitors, on a warmed-up JVM with every device path compiled; its devices start ")
          .append("together, so each second's monitor messages (and every other second's two scans) arrive at once. ")
          .append("Broker confirmations: the gateway's own receive-to-PUBACK histogram (`/metrics`) over the same window.\n")
          .append("- **Ceilings**: `mosquitto_pub -q 1 -l` publishing ").append(payload.length())
          .append("-byte copies of a real event payload until the same kind of subscriber has them all (the broker's ")
          .append("ceiling with its own C client); SQLite through the same JDBC driver and settings, inserting each ")
          .append("event row and its outbox row, committing every 512 rows (our group commit's shape) or every row.\n")
          .append("- **Durability cost**: the same saturation with `store.batchMax: 1` (a transaction per event).\n")
          .append("- **DICOM ingest**: a corpus of ").append(corpus.cine()).append(" US multi-frame cine clips (30 frames) and ")
          .append(corpus.stills()).append(" US still images, 512 x 512 8-bit, uncompressed (")
          .append(String.format(Locale.ROOT, "%.1f MB", corpus.bytes() / 1e6)).append("), sent by DCMTK `storescu` on one ")
          .append("association, then split over four `storescu` processes at once; the same files to DCMTK `storescp --fork` ")
          .append("(writing to the same disk) and to the gateway. The gateway fsyncs each object and records it before ")
          .append("the C-STORE response; storescp does not fsync. Objects kept: gateway ").append(dicomStoredByUs)
          .append(", storescp ").append(dicomStoredByPeer).append(".\n")
          .append("- **Codecs**: JMH, one fork, throughput; GS1: a lidocaine vial's GTIN, expiry, lot and serial; S/5: one ")
          .append(s5FrameBytes).append("-byte displayed-values frame; HL7: a five-numeric ORU^R01, parsed and mapped, ")
          .append("beside HAPI's parse alone.\n")
          .append("- **Footprint**: the gateway in its own JVM (").append(GatewayProcess.HEAP).append("); start-up is process ")
          .append("start to the first `/health` answer; RSS and threads from /proc, idle after 5 s, under load the ")
          .append("maximum sampled every 250 ms during saturation.\n");
      return md.toString();
    }
  }
}
