package org.procroom.gateway.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.procroom.simulators.scanner.ScannerSimulator;

/** {@code procroom simulate <device>}: a simulated device on a real port. */
final class SimulateCommand {
  private SimulateCommand() {}

  static int run(Main.Options options, PrintStream out) {
    if (!options.positional().equals(java.util.List.of("scanner"))) {
      throw new Main.UsageException("simulate: name the device, e.g. 'simulate scanner --port /dev/pts/5'");
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
}
