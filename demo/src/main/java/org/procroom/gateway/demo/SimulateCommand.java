package org.procroom.gateway.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.procroom.gateway.cli.Command;
import org.procroom.gateway.cli.Main;
import org.procroom.gateway.cli.Options;
import org.procroom.simulators.scanner.ScannerSimulator;
import org.procroom.simulators.vitals.MasimoSimulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.simulators.vitals.S5Simulator;

/** {@code procroom simulate <device>}: a simulated device on a real port. */
public final class SimulateCommand implements Command {
  @Override
  public String name() {
    return "simulate";
  }

  @Override
  public String help() {
    return """
          simulate scanner (--port PATH | --tcp PORT) [--script FILE] [--baud N] [--terminator cr|lf|crlf]
                                         a barcode scanner writing scans to a serial port or serving TCP;
                                         reads scans from the script, or from standard input
          simulate s5|masimo --port PATH [--clock-offset 90s] [--dip-at 60s]
                                         a vitals monitor with a vasovagal dip during the injection
        """;
  }

  @Override
  public java.util.Set<String> options() {
    return java.util.Set.of("--port", "--tcp", "--script", "--baud", "--terminator", "--clock-offset", "--dip-at");
  }

  @Override
  public int run(Options options, java.nio.file.Path home, PrintStream out) {
    java.util.List<String> device = options.positional();
    if (device.equals(java.util.List.of("s5")) || device.equals(java.util.List.of("masimo"))) {
      return monitor(device.get(0), options, out);
    }
    if (!device.equals(java.util.List.of("scanner"))) {
      throw new Main.UsageException("simulate: name the device: scanner, s5 or masimo");
    }
    ScannerSimulator.Terminator terminator;
    try {
      terminator = ScannerSimulator.Terminator.valueOf(options.value("--terminator", "cr").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException("--terminator must be cr, lf or crlf");
    }
    String port = options.value("--port", null);
    String tcp = options.value("--tcp", null);
    if ((port == null) == (tcp == null)) {
      throw new Main.UsageException("simulate scanner: give either --port PATH or --tcp PORT");
    }
    try (ScannerSimulator scanner = port != null
        ? ScannerSimulator.serial(port, Integer.parseInt(options.value("--baud", "9600")), terminator)
        : ScannerSimulator.tcp(Integer.parseInt(tcp), terminator)) {
      String script = options.value("--script", null);
      if (script == null) {
        scanner.interactive(out);
      } else {
        try (BufferedReader reader = Files.newBufferedReader(Path.of(script), StandardCharsets.UTF_8)) {
          scanner.play(reader, out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  /** Runs a simulated monitor until Ctrl-C. */
  private static int monitor(String kind, Options options, PrintStream out) {
    String port = options.value("--port", null);
    if (port == null) {
      throw new Main.UsageException("simulate " + kind + ": --port PATH is required");
    }
    java.time.Duration offset = duration(options, "--clock-offset", "0s");
    PhysiologyScript script = new PhysiologyScript(duration(options, "--dip-at", "60s"),
        java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30));
    try (AutoCloseable monitor = kind.equals("s5") ? new S5Simulator(port, script, offset)
        : new MasimoSimulator(port, script, offset, java.time.ZoneId.systemDefault())) {
      out.println("simulated " + kind + " on " + port + "; Ctrl-C stops");
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("simulate " + kind + ": " + e.getMessage(), e);
    }
    return 0;
  }

  private static java.time.Duration duration(Options options, String name, String fallback) {
    return org.procroom.gateway.api.DriverSettings.parseDuration(options.value(name, fallback))
        .orElseThrow(() -> new Main.UsageException(name + " expects a duration like 90s"));
  }
}
