package org.procroom.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.doctor.HealthProbe;

/**
 * {@code procroom health}: exit 0 when the running gateway answers {@code /health} and its store
 * works, else 1. The service's watchdog timer restarts the gateway on a failure; a device that is
 * down or a broker away is not a reason to restart (the gateway reconnects on its own).
 */
final class HealthCommand {
  private static final int ATTEMPTS = 3;

  private HealthCommand() {}

  static int run(Options options, Path home, PrintStream out) {
    Duration timeout = DriverSettings.parseDuration(options.value("--timeout", "10s"))
        .orElseThrow(() -> new Main.UsageException("--timeout expects e.g. 10s"));
    HealthProbe probe = new HealthProbe(RunCommand.load(RunCommand.configFile(options, home), home));
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<JsonNode> health = probe.ask(timeout);
      if (health.isPresent()) {
        String store = health.get().path("store").path("status").asText();
        out.println(probe.uri() + ": " + health.get().path("status").asText() + " (store " + store + ", broker "
            + health.get().path("mqtt").path("status").asText() + ")");
        return store.equals("UP") ? 0 : 1;
      }
    }
    out.println(probe.uri() + ": no answer in " + ATTEMPTS + " attempts of " + timeout.toSeconds() + " s");
    return 1;
  }
}
