package org.procroom.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.config.GatewayConfig;
import org.procroom.gateway.doctor.Doctor;
import org.procroom.gateway.doctor.Finding;

/** {@code procroom doctor}: checks the box and prints one line per finding; exit 1 when any check fails. */
final class DoctorCommand {
  private DoctorCommand() {}

  static int run(Options options, Path home, PrintStream out) {
    String file = RunCommand.configFile(options, home);
    out.println("procroom doctor: configuration " + file);
    GatewayConfig config;
    try {
      config = RunCommand.load(file, home);
    } catch (ConfigException e) {
      out.println(line(new Finding(Finding.Level.FAIL, "config", file, e.getMessage())));
      out.println("1 check failed: the configuration must be fixed before anything else can be checked");
      return 1;
    }
    List<Finding> findings = new Doctor(config).run();
    findings.forEach(f -> out.println(line(f)));
    long failed = findings.stream().filter(f -> f.level() == Finding.Level.FAIL).count();
    long warned = findings.stream().filter(f -> f.level() == Finding.Level.WARN).count();
    out.println(findings.size() + " checks: " + failed + " failed, " + warned + " warnings");
    return failed > 0 ? 1 : 0;
  }

  private static String line(Finding f) {
    return String.format("  %-4s  %-7s %-18s %s", f.level(), f.check(), f.subject(), f.message());
  }
}
