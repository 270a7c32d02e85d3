package org.procroom.gateway.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.procroom.testkit.FreePort;

/**
 * The demo as the engineer runs it (its own JVM, logs at INFO, free ports), or another CLI command
 * of the same installation, with its data below a test's folder.
 */
final class DemoRun {
  private DemoRun() {}

  /** {@code procroom ARGS} with the data in {@code data}; the process writes all it says to {@code output}. */
  static Process start(Path data, Path output, int brokerPort, String... args) throws java.io.IOException {
    return command(data, brokerPort, args).redirectErrorStream(true).redirectOutput(output.toFile()).start();
  }

  /** The command, its output left to the caller. */
  static ProcessBuilder command(Path data, int brokerPort, String... args) {
    Path repo = Path.of(System.getProperty("procroom.repo")).toAbsolutePath().normalize();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dprocroom.hivemq.lib=" + System.getProperty("procroom.hivemq.lib"),
        "-cp", System.getProperty("java.class.path"), "org.procroom.gateway.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PROCROOM_HOME", repo.toString());
    pb.environment().put("PROCROOM_DATA_DIR", data.toString());
    pb.environment().put("PROCROOM_LOG_LEVEL", "INFO");
    pb.environment().put("PROCROOM_HTTP_PORT", String.valueOf(FreePort.pick()));
    pb.environment().put("PROCROOM_EMBEDDED_BROKER_PORT", String.valueOf(brokerPort));
    pb.environment().put("PROCROOM_DRIVERS_PCD01_PORT", String.valueOf(FreePort.pick()));
    pb.environment().put("PROCROOM_DRIVERS_MONITOR_2_DATA_EXPORT_PORT", String.valueOf(FreePort.pick()));
    pb.environment().put("PROCROOM_DRIVERS_ULTRASOUND_PORT", String.valueOf(FreePort.pick()));
    pb.environment().put("PROCROOM_DRIVERS_ULTRASOUND_MPPS_PORT", String.valueOf(FreePort.pick()));
    return pb;
  }
}
