package org.procroom.bench;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v26.segment.MSH;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.procroom.simulators.scanner.ScannerSimulator;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * Charting to the interface engine at room load: the device path's latency with no charting, with
 * the engine up, absent for {@code outage} and slow (each acknowledgement after 1 s), all in one
 * run; then, with the engine back, how long the backlog takes to drain, and whether anything was
 * lost, sent twice or out of order. The engine is HAPI's own MLLP receiver.
 */
final class ChartingBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The pause of the slow engine before each acknowledgement. */
  static final Duration SLOW = Duration.ofSeconds(1);

  /** Every figure of one run. */
  record Result(EventPathBench.Run noCharting, EventPathBench.Run engineUp, EventPathBench.Run engineAbsent,
      EventPathBench.Run engineSlow, Duration outage, long backlog, Duration firstDelivery, Duration drained,
      long received, long distinct, long delivered, long outOfOrder, String reconnectMax) {}

  /** HAPI's MLLP receiver, stopped and started again on the same port; it keeps every MSH-10 it got. */
  static final class Engine implements AutoCloseable {
    final int port = FreePort.pick();
    final List<String> received = new CopyOnWriteArrayList<>();
    volatile Duration delay = Duration.ZERO;
    private final HapiContext hapi = new DefaultHapiContext();
    private HL7Service server;

    Engine() {
      hapi.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
    }

    void start() throws InterruptedException {
      server = hapi.newServer(port, false);
      server.registerApplication(new ReceivingApplication<Message>() {
        @Override
        public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
          received.add(((MSH) message.get("MSH")).getMessageControlID().getValue());
          try {
            Thread.sleep(delay.toMillis());
            return message.generateACK();
          } catch (java.io.IOException e) {
            throw new HL7Exception(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HL7Exception(e);
          }
        }

        @Override
        public boolean canProcess(Message message) {
          return true;
        }
      });
      server.startAndWait();
    }

    void stop() {
      server.stopAndWait();
    }

    @Override
    public void close() throws Exception {
      if (server != null && server.isRunning()) {
        server.stopAndWait();
      }
      hapi.close();
    }
  }

  private final Path repo;
  private final Path work;

  ChartingBench(Path repo, Path work) {
    this.repo = repo;
    this.work = work;
  }

  Result run(Duration phase, Duration outage) throws Exception {
    EventPathBench bench = new EventPathBench(repo);
    EventPathBench.Run noCharting = roomLoadWithout(bench, phase);
    EventPathBench.Devices devices = EventPathBench.Devices.pick(2);
    List<ScannerSimulator> scanners = new ArrayList<>();
    String reconnectMax = "15s";
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("broker-charting"));
         Engine engine = new Engine()) {
      for (int port : devices.scannerPorts()) {
        scanners.add(ScannerSimulator.tcp(port, ScannerSimulator.Terminator.CR));
      }
      engine.start();
      Path dir = work.resolve("gateway-charting");
      String config = bench.config(dir.resolve("data"), broker.url(), devices, 512) + """
          charting:
            hl7:
              url: mllp://127.0.0.1:%d
              interval: 1m
              ackTimeout: 10s
              reconnectMax: %s
          """.formatted(engine.port, reconnectMax);
      try (GatewayProcess gateway = GatewayProcess.start(dir, config, EventPathBench.env(), FreePort.pick());
           FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/bench-room/events/#")) {
        open(gateway, scanners.get(0));
        bench.monitorBurst(devices, Duration.ofSeconds(5));
        EventPathBench.Run up = bench.roomLoad(gateway, feed, scanners, devices, phase);

        engine.stop();
        EventPathBench.Run absent = bench.roomLoad(gateway, feed, scanners, devices, outage);
        long backlog = hl7(gateway).path("pending").asLong();

        long back = System.nanoTime();
        int before = engine.received.size();
        engine.start();
        Duration first = null;
        while (hl7(gateway).path("pending").asLong() > 0) {
          if (first == null && engine.received.size() > before) {
            first = Duration.ofNanos(System.nanoTime() - back);
          }
          Thread.sleep(100);
        }
        Duration drained = Duration.ofNanos(System.nanoTime() - back);

        engine.delay = SLOW;
        EventPathBench.Run slow = bench.roomLoad(gateway, feed, scanners, devices, phase);
        engine.delay = Duration.ZERO;
        while (hl7(gateway).path("pending").asLong() > 0) {
          Thread.sleep(100);
        }
        // The queue's counts on /health are refreshed once a second by its sender.
        Thread.sleep(1500);
        List<String> ids = List.copyOf(engine.received);
        return new Result(noCharting, up, absent, slow, outage, backlog, first == null ? drained : first, drained,
            ids.size(), new HashSet<>(ids).size(), hl7(gateway).path("delivered").asLong(), outOfOrder(ids), reconnectMax);
      }
    } finally {
      scanners.forEach(ScannerSimulator::close);
    }
  }

  /** The same room load on a gateway that charts nothing: the peer of the figures above. */
  private EventPathBench.Run roomLoadWithout(EventPathBench bench, Duration phase) throws Exception {
    EventPathBench.Devices devices = EventPathBench.Devices.pick(2);
    List<ScannerSimulator> scanners = new ArrayList<>();
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("broker-no-charting"))) {
      for (int port : devices.scannerPorts()) {
        scanners.add(ScannerSimulator.tcp(port, ScannerSimulator.Terminator.CR));
      }
      Path dir = work.resolve("gateway-no-charting");
      try (GatewayProcess gateway = GatewayProcess.start(dir, bench.config(dir.resolve("data"), broker.url(), devices, 512),
          EventPathBench.env(), FreePort.pick());
           FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/bench-room/events/#")) {
        open(gateway, scanners.get(0));
        bench.monitorBurst(devices, Duration.ofSeconds(5));
        return bench.roomLoad(gateway, feed, scanners, devices, phase);
      }
    } finally {
      scanners.forEach(ScannerSimulator::close);
    }
  }

  /** The bench's patient from the worklist, then her wristband: the room's devices are associated with her. */
  private static void open(GatewayProcess gateway, ScannerSimulator scanner) throws Exception {
    JsonNode scheduled = JSON.readTree(gateway.post("/api/schedule", "{\"procedureType\":\"TPI\",\"patientRef\":\""
        + EventPathBench.PATIENT + "\"}").body());
    gateway.post("/api/procedures", "{\"scheduledId\":\"" + scheduled.path("id").asText() + "\"}");
    scanner.scan("]d28018" + EventPathBench.PATIENT);
  }

  private static JsonNode hl7(GatewayProcess gateway) throws Exception {
    return JSON.readTree(gateway.get("/health").body()).path("charting").path("hl7");
  }

  /** Messages that reached the engine before one recorded earlier (MSH-10 is the event's UUIDv7: its time). */
  static long outOfOrder(List<String> ids) {
    long late = 0;
    long newest = Long.MIN_VALUE;
    HashSet<String> seen = new HashSet<>();
    for (String id : ids) {
      if (!seen.add(id)) {
        continue;
      }
      long millis = UUID.fromString(id).getMostSignificantBits() >>> 16;
      if (millis < newest) {
        late++;
      }
      newest = Math.max(newest, millis);
    }
    return late;
  }
}
