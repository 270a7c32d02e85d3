package org.procroom.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.procroom.simulators.scanner.ScannerSimulator;
import org.procroom.simulators.vitals.IntellivueSimulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * Three IntelliVue monitors, each sending ECG I, II and III at 500 Hz, pleth at 125 Hz,
 * respiration and CO2 at 62.5 Hz, into one gateway beside the room load of docs/benchmarks.md
 * (2 scanners, 3 PCD-01 monitors), with a live-wave subscriber that reads slowly and a dashboard
 * screen that never reads. The peer: the same room with the monitors' waves off, in the same run.
 */
final class WaveBench {
  static final int MONITORS = 3;

  record Phase(double cpuPercentOfACore, double maxRssMiB, double firstRssMiB, double lastRssMiB,
      EventPathBench.Run roomLoad) {}

  record Result(Phase numericsOnly, Phase withWaves, Duration length, Map<String, Long> sent, Map<String, Long> stored,
      long gapsStated, long unstatedJumps, long duplicates, long rows, long databaseBytes, long slowSubscriberReceived,
      String health) {}

  private final Path repo;
  private final Path work;

  WaveBench(Path repo, Path work) {
    this.repo = repo;
    this.work = work;
  }

  Result run(Duration length, Duration peerLength) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("broker"))) {
      Phase peer = phase(broker, "numerics-only", false, peerLength, null);
      Map<String, Object> waves = new LinkedHashMap<>();
      Phase with = phase(broker, "waves", true, length, waves);
      @SuppressWarnings("unchecked")
      Map<String, Long> sent = (Map<String, Long>) waves.get("sent");
      Path db = work.resolve("waves/data/waves.db");
      Map<String, Long> stored = new LinkedHashMap<>();
      long gaps = 0;
      long jumps = 0;
      long rows = 0;
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT device, channel, first_seq, count, gap_missing FROM wave_rows"
               + " ORDER BY device, channel, first_seq")) {
        String key = null;
        long next = -1;
        while (rs.next()) {
          String k = rs.getString(1) + "/" + rs.getString(2);
          long first = rs.getLong(3);
          long count = rs.getLong(4);
          boolean gap = rs.getObject(5) != null;
          if (k.equals(key) && first != next && !gap) {
            jumps++;
          }
          if (gap && k.equals(key)) {
            gaps++;
          }
          stored.merge(k, count, Long::sum);
          key = k;
          next = first + count;
          rows++;
        }
      }
      long bytes = Files.size(db) + (Files.exists(Path.of(db + "-wal")) ? Files.size(Path.of(db + "-wal")) : 0);
      return new Result(peer, with, length, sent, stored, gaps, jumps, (Long) waves.get("duplicates"), rows, bytes,
          (Long) waves.get("slow"), (String) waves.get("health"));
    }
  }

  private Phase phase(MosquittoBroker broker, String name, boolean waves, Duration length, Map<String, Object> out)
      throws Exception {
    EventPathBench bench = new EventPathBench(repo);
    EventPathBench.Devices devices = EventPathBench.Devices.pick(2);
    List<ScannerSimulator> scanners = new ArrayList<>();
    List<IntellivueSimulator> monitors = new ArrayList<>();
    for (int port : devices.scannerPorts()) {
      scanners.add(ScannerSimulator.tcp(port, ScannerSimulator.Terminator.CR));
    }
    StringBuilder yaml = new StringBuilder(bench.config(work.resolve(name).resolve("data"), broker.url(), devices, 512));
    for (int i = 1; i <= MONITORS; i++) {
      IntellivueSimulator m = IntellivueSimulator.lan(0, PhysiologyScript.calm(), Duration.ZERO,
          java.time.ZoneId.systemDefault()).allWaves();
      monitors.add(m);
      yaml.append("""
            monitor-%d:
              type: philips-intellivue
              host: 127.0.0.1
              dataExportPort: %d
              pollInterval: 1s
              waves: %s
          """.formatted(i, m.port(), waves));
    }
    AtomicLong slowReceived = new AtomicLong();
    try (GatewayProcess gateway = GatewayProcess.start(work.resolve(name), yaml.toString(), EventPathBench.env(),
        FreePort.pick());
         FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/bench-room/events/#");
         AutoCloseable slow = slowSubscriber(broker.url(), slowReceived);
         Socket stalledScreen = stalledScreen(gateway.httpPort)) {
      EventPathBench.openProcedure(gateway, scanners.get(0));
      // Measured on a warmed-up JVM, every device path compiled, as in docs/benchmarks.md.
      bench.monitorBurst(devices, Duration.ofSeconds(5));
      Thread.sleep(3000);
      double cpu0 = gateway.cpuSeconds();
      long t0 = System.nanoTime();
      double firstRss = gateway.rssMiB();
      EventPathBench.Run room = bench.roomLoad(gateway, feed, scanners, devices, length);
      double cpu = (gateway.cpuSeconds() - cpu0) / ((System.nanoTime() - t0) / 1e9) * 100;
      double lastRss = gateway.rssMiB();
      monitors.forEach(IntellivueSimulator::close);
      Thread.sleep(3000); // the last segments through the store's queue
      if (out != null) {
        Map<String, Long> sent = new LinkedHashMap<>();
        for (int i = 0; i < MONITORS; i++) {
          int n = i + 1;
          monitors.get(i).samplesSent().forEach((channel, count) -> sent.put("monitor-" + n + "/" + channel, count));
        }
        com.fasterxml.jackson.databind.JsonNode waveHealth = org.procroom.gateway.store.EventJson.MAPPER
            .readTree(gateway.get("/health").body()).path("waves");
        out.put("sent", sent);
        out.put("health", waveHealth.toString());
        out.put("duplicates", waveHealth.path("duplicates").asLong());
        out.put("slow", slowReceived.get());
      }
      return new Phase(cpu, room.maxRssMiB(), firstRss, lastRss, room);
    } finally {
      monitors.forEach(IntellivueSimulator::close);
      scanners.forEach(ScannerSimulator::close);
    }
  }

  /** A live-wave subscriber that takes 20 ms over each message (the broker drops what it cannot queue for it). */
  private static AutoCloseable slowSubscriber(String url, AtomicLong received) throws MqttException {
    MqttClient client = new MqttClient(url, "bench-slow-waves", new MemoryPersistence());
    client.setCallback(new org.procroom.gateway.mqtt.MqttCallbackAdapter() {
      @Override
      public void messageArrived(String topic, MqttMessage message) throws Exception {
        received.incrementAndGet();
        Thread.sleep(20);
      }
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options);
    client.subscribe("procroom/bench-room/waves/#", 0);
    return () -> {
      client.disconnectForcibly(1000);
      client.close();
    };
  }

  /** A dashboard screen that opens the live waves and never reads them. */
  private static Socket stalledScreen(int httpPort) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new java.net.InetSocketAddress("127.0.0.1", httpPort));
    OutputStream out = s.getOutputStream();
    out.write(("GET /api/dashboard/waves HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }
}
