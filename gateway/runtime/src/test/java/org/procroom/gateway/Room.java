package org.procroom.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.procroom.gateway.config.ConfigLoader;
import org.procroom.gateway.config.GatewayConfig;
import org.procroom.simulators.cable.VirtualSerialCable;
import org.procroom.simulators.scanner.ScannerSimulator;
import org.procroom.testkit.TestPaths;

/**
 * A procedure room for tests: one barcode scanner simulator on a virtual serial cable, and the
 * gateway's configuration pointing at a given broker, with its data in a temporary folder.
 */
public final class Room implements AutoCloseable {
  public final Path dir;
  public final VirtualSerialCable cable;
  public final ScannerSimulator scanner;
  private final Map<String, String> env = new HashMap<>();

  public Room(Path dir, String brokerUrl) throws IOException {
    this.dir = dir;
    this.cable = VirtualSerialCable.open(dir.resolve("pty"), "scanner-1");
    this.scanner = ScannerSimulator.serial(cable.deviceEnd().toString(), 9600, ScannerSimulator.Terminator.CR);
    env.put("PROCROOM_ROOM", "room-7");
    env.put("PROCROOM_DATA_DIR", dir.resolve("data").toString());
    env.put("PROCROOM_HTTP_PORT", "0");
    env.put("PROCROOM_MQTT_URL", brokerUrl);
    env.put("PROCROOM_MQTT_RECONNECT_INITIAL", "100ms");
    env.put("PROCROOM_MQTT_RECONNECT_MAX", "1s");
  }

  /** The settings as environment variables, the way a box image configures a room. */
  public Map<String, String> env() {
    return env;
  }

  public Path configFile() {
    return dir.resolve("gateway.yaml");
  }

  /** Writes a configuration file with the scanner on the cable, plus any extra YAML for drivers. */
  public Path writeConfig(String extraDrivers) throws IOException {
    String yaml = """
        drivers:
          scanner-1:
            type: barcode-scanner
            port: %s
            reconnectInitial: 50ms
            reconnectMax: 500ms
            formulary: %s
            recalls: %s
        %s""".formatted(cable.gatewayEnd(), TestPaths.repo().resolve("config/formulary.yaml"),
        TestPaths.repo().resolve("config/recalls.yaml"), extraDrivers.indent(2));
    java.nio.file.Files.writeString(configFile(), yaml);
    return configFile();
  }

  /**
   * Adds a signed-in staff member {@code nurse-a} (PIN 4711) to the room's file; {@code publicView}
   * false makes viewing need a sign-in too.
   */
  public void addNurse(boolean publicView) throws IOException {
    java.nio.file.Files.writeString(configFile(), """
        dashboard:
          publicView: %s
          users:
            nurse-a: {name: "A. Nurse", pin: "%s"}
        """.formatted(publicView, org.procroom.gateway.dashboard.PinHash.hash("4711".toCharArray())),
        java.nio.file.StandardOpenOption.APPEND);
  }

  /** The gateway in its own JVM, as the service runs it, with this room's environment; output to {@code log}. */
  public Process startGatewayProcess(Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.procroom.gateway.cli.Main",
        "run", "--config", configFile().toString());
    pb.environment().putAll(env);
    pb.environment().put("PROCROOM_HOME", dir.toString());
    return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** YAML of a PCD-01 listener {@code pcd01} on loopback {@code port}, plus extra lines of its settings. */
  public static String pcd01(int port, String extra) {
    return """
        pcd01:
          type: ihe-pcd01
          bindAddress: 127.0.0.1
          port: %d
        """.formatted(port) + extra.indent(2);
  }

  /** YAML of an IntelliVue {@code monitor-1} over the LAN at the simulator's Data Export port, polled every second, plus extra lines. */
  public static String intellivue(int dataExportPort, String extra) {
    return """
        monitor-1:
          type: philips-intellivue
          host: 127.0.0.1
          dataExportPort: %d
          pollInterval: 1s
        """.formatted(dataExportPort) + extra.indent(2);
  }

  /** YAML of a DICOM storage driver {@code us-1} on loopback ports, calling AE US01 allowed, plus extra lines. */
  public static String dicomStorage(int port, int mppsPort, String extra) {
    return """
        us-1:
          type: dicom-storage
          bindAddress: 127.0.0.1
          port: %d
          mppsPort: %d
          allowedCallers: US01@127.0.0.1
        """.formatted(port, mppsPort) + extra.indent(2);
  }

  /**
   * A DICOM storage driver for a modality calling as {@code callingAe} from this box, which takes
   * its storage commitment reports at {@code reportsPort}; no MPPS port.
   */
  public static String dicomStorageReportingTo(int port, String callingAe, int reportsPort) {
    return """
        us-1:
          type: dicom-storage
          bindAddress: 127.0.0.1
          port: %d
          mppsPort: 0
          allowedCallers: %s@127.0.0.1
          modalities:
            %s: {host: 127.0.0.1, port: %d}
        """.formatted(port, callingAe, callingAe, reportsPort);
  }

  public GatewayConfig config() throws IOException {
    if (!java.nio.file.Files.exists(configFile())) {
      writeConfig("");
    }
    ObjectNode root = ConfigLoader.load(configFile(), env);
    return GatewayConfig.from(root, dir, dir);
  }

  public Gateway startGateway() throws IOException {
    return Gateway.start(config(), TestPaths.hivemqLib());
  }

  @Override
  public void close() {
    scanner.close();
    cable.close();
  }
}
