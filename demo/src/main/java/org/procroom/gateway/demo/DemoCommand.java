package org.procroom.gateway.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.cli.Command;
import org.procroom.gateway.cli.Main;
import org.procroom.gateway.cli.Options;
import org.procroom.gateway.config.ConfigLoader;
import org.procroom.gateway.config.GatewayConfig;
import org.procroom.gateway.demo.DemoScript;
import org.procroom.gateway.demo.Timeline;
import org.procroom.gateway.store.EventJson;
import org.procroom.simulators.cable.VirtualSerialCable;
import org.procroom.simulators.scanner.ScannerSimulator;
import org.procroom.simulators.ultrasound.UltrasoundSimulator;
import org.procroom.simulators.vitals.IntellivueSimulator;
import org.procroom.simulators.vitals.MasimoSimulator;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.simulators.vitals.S5Simulator;

/**
 * {@code procroom demo}: the room's own configuration, every serial device wired to its simulator
 * through a socat pty pair, the embedded broker unless PROCROOM_MQTT_URL names another, and a
 * scripted procedure. The timeline is printed from the MQTT feed, as a charting system sees it.
 */
public final class DemoCommand implements Command {
  /** Driver types the demo wires to a simulator over a virtual serial cable. */
  private static final java.util.Set<String> SIMULATED = java.util.Set.of("barcode-scanner", "ge-s5", "masimo-ascii");

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String help() {
    return """
          demo [--duration 60s]          run the gateway on the embedded broker with simulated devices,
                                         play a scripted procedure and print the live timeline
        """;
  }

  @Override
  public java.util.Set<String> options() {
    return java.util.Set.of("--duration");
  }

  @Override
  public int run(Options options, Path home, PrintStream out) {
    Duration duration = DriverSettings.parseDuration(options.value("--duration", "0s"))
        .orElseThrow(() -> new Main.UsageException("--duration expects e.g. 30s or 2m"));
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.putIfAbsent("PROCROOM_DATA_DIR", home.resolve("data/demo").toString());
    ObjectNode root = ConfigLoader.load(home.resolve("config/gateway.yaml"), env);
    Path ptyDir = Path.of(env.get("PROCROOM_DATA_DIR")).toAbsolutePath().resolve("pty");
    List<VirtualSerialCable> cables = new ArrayList<>();
    List<ScannerSimulator> scanners = new ArrayList<>();
    List<AutoCloseable> monitors = new ArrayList<>();
    long deadline = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    try {
      Files.createDirectories(ptyDir);
      ObjectNode drivers = (ObjectNode) root.path("drivers");
      Map<String, VirtualSerialCable> cableByType = new java.util.LinkedHashMap<>();
      for (String id : iterable(drivers)) {
        ObjectNode driver = (ObjectNode) drivers.get(id);
        String type = driver.path("type").asText();
        if (SIMULATED.contains(type) && !driver.path("transport").asText().equals("tcp") && !cableByType.containsKey(type)) {
          VirtualSerialCable cable = VirtualSerialCable.open(ptyDir, id);
          cables.add(cable);
          cableByType.put(type, cable);
          driver.put("port", cable.gatewayEnd().toString());
        }
      }
      GatewayConfig config = GatewayConfig.from(root, home, home.resolve("config"));
      out.println("ProcRoom Gateway demo: room " + config.room() + ", data in " + config.dataDir());
      try (Gateway gateway = Gateway.start(config, Main.hivemqLib(home))) {
        String broker = config.mqttUrl().isEmpty()
            ? "tcp://" + config.embeddedBrokerHost() + ":" + config.embeddedBrokerPort() : config.mqttUrl();
        out.println("Feed on " + broker + " - try: mosquitto_sub -h 127.0.0.1 -p "
            + URI.create(broker).getPort() + " -t 'procroom/#' -v");
        out.println("Health: http://" + config.httpHost() + ":" + gateway.httpPort() + "/health");
        gateway.drivers().handles().forEach((id, handle) -> out.println("Device " + id + " (" + handle.type() + "): "
            + handle.status().state() + " - " + handle.status().reason()));
        out.println();
        out.printf("  %-26s  %-5s %-11s %-17s %s%n", "received (UTC)", "rec", "device", "event", "details");
        try (Timeline timeline = new Timeline(broker, "procroom/" + config.room() + "/#", out)) {
          VirtualSerialCable scannerCable = cableByType.get("barcode-scanner");
          if (scannerCable != null) {
            scanners.add(ScannerSimulator.serial(scannerCable.deviceEnd().toString(), 9600, ScannerSimulator.Terminator.CR));
          }
          // The vasovagal reaction comes with the injection, about half-way through the script.
          PhysiologyScript patient = new PhysiologyScript(Duration.ofSeconds(12), Duration.ofSeconds(8), Duration.ofSeconds(8));
          if (cableByType.containsKey("ge-s5")) {
            monitors.add(new S5Simulator(cableByType.get("ge-s5").deviceEnd().toString(), patient, Duration.ofSeconds(95)));
          }
          ObjectNode pcd01 = firstOfType(drivers, "ihe-pcd01");
          if (pcd01 != null) {
            monitors.add(new Pcd01Simulator("127.0.0.1", pcd01.path("port").asInt(2575), "MON2", patient,
                Duration.ofSeconds(5), Duration.ZERO));
          }
          ObjectNode intellivue = firstOfType(drivers, "philips-intellivue");
          if (intellivue != null && !intellivue.path("transport").asText("lan").equals("serial")) {
            // Its clock 20 s behind, as a monitor whose time was set by hand.
            monitors.add(IntellivueSimulator.lan(intellivue.path("dataExportPort").asInt(24105), patient,
                Duration.ofSeconds(-20), java.time.ZoneId.systemDefault()));
          }
          if (cableByType.containsKey("masimo-ascii")) {
            monitors.add(new MasimoSimulator(cableByType.get("masimo-ascii").deviceEnd().toString(), patient,
                Duration.ZERO, java.time.ZoneId.systemDefault()));
          }
          String api = "http://127.0.0.1:" + gateway.httpPort();
          ObjectNode storage = firstOfType(drivers, "dicom-storage");
          UltrasoundSimulator ultrasound = storage == null ? null : new UltrasoundSimulator("127.0.0.1",
              storage.path("port").asInt(11112), storage.path("aeTitle").asText("PROCROOM"), "US01",
              config.dataDir().resolve("ultrasound-sim"), Duration.ofSeconds(-40));
          DemoScript script = new DemoScript(new ApiClient(api), scanners.isEmpty() ? null : scanners.get(0), ultrasound,
              storage == null ? 0 : storage.path("mppsPort").asInt(11113), deadline);
          script.play();
          if (duration.isZero()) {
            out.println("\nScript done; the gateway keeps running. Ctrl-C to stop.");
            Thread.currentThread().join();
          }
          sleepUntil(deadline);
          out.println();
          out.printf("Demo finished: %d events stored, %d messages confirmed by the broker, %d on the timeline.%n",
              gateway.store().eventsCommitted(), gateway.metrics().publishedCount(), timeline.received());
          out.printf("The record: ./procroom record show --latest --data-dir %s%n"
              + "            ./procroom record export --latest --format html --data-dir %s > record.html%n",
              config.dataDir(), config.dataDir());
        }
      }
    } catch (IOException | org.eclipse.paho.mqttv5.common.MqttException e) {
      throw new IllegalStateException("demo failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      scanners.forEach(ScannerSimulator::close);
      monitors.forEach(m -> {
        try {
          m.close();
        } catch (Exception ignored) {
          // the demo is over
        }
      });
      cables.forEach(VirtualSerialCable::close);
    }
    return 0;
  }

  private static ObjectNode firstOfType(ObjectNode drivers, String type) {
    for (String id : iterable(drivers)) {
      if (drivers.get(id).path("type").asText().equals(type)) {
        return (ObjectNode) drivers.get(id);
      }
    }
    return null;
  }

  private static Iterable<String> iterable(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void sleepUntil(long deadline) throws InterruptedException {
    long left = deadline - System.nanoTime();
    if (left > 0 && deadline != Long.MAX_VALUE) {
      Thread.sleep(left / 1_000_000);
    }
  }

  /** The staff side of the demo talks to the gateway's HTTP API, as the dashboard will. */
  static final class ApiClient implements DemoScript.Api {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ApiClient(String base) {
      this.base = base;
    }

    @Override
    public String post(String path, ObjectNode body) throws IOException, InterruptedException {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
      }
      return EventJson.parse(response.body()).path("id").asText();
    }

    @Override
    public ObjectNode get(String path) throws IOException, InterruptedException {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? (ObjectNode) EventJson.parse(response.body()) : null;
    }
  }
}
