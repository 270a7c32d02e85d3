package org.procroom.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unknown options and commands are usage errors naming the nearest known one (`health --confg
 * FILE` used to check the default configuration instead); every command has its --help; the
 * installed tool's help lists only what it can run.
 */
class TheCommandLineRefusesWhatItDoesNotKnowTest {
  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMisspelledOptionIsAnErrorWithTheNearestOne() {
    Main.UsageException e = assertThrows(Main.UsageException.class,
        () -> run("health", "--confg", "/etc/procroom/gateway.yaml"));
    assertEquals("'health' has no option --confg (did you mean '--config'?); its options: --config --timeout",
        e.getMessage());
    assertThrows(Main.UsageException.class, () -> run("doctor", "--config"), "a value is required");
    Main.UsageException command = assertThrows(Main.UsageException.class, () -> run("heath"));
    assertEquals("unknown command 'heath' (did you mean 'health'?)", command.getMessage());
  }

  @Test
  void everyCommandHasItsHelp() {
    String health = run("health", "--help");
    assertTrue(health.startsWith("Usage: procroom health [--config FILE] [--timeout 10s]"), health);
    assertFalse(health.contains("doctor"), health);
    assertTrue(run("--help").contains("Exit codes: 0 done"));
  }

  @Test
  void theInstalledHelpListsOnlyWhatTheInstalledToolRuns() {
    System.setProperty("procroom.installed", "true");
    try {
      String help = run("--help");
      assertFalse(help.contains("  demo ") || help.contains("  simulate ") || help.contains("  build "), help);
      assertTrue(help.contains("  run ") && help.contains("  doctor "), help);
      assertThrows(Main.UsageException.class, () -> run("demo"));
    } finally {
      System.clearProperty("procroom.installed");
    }
  }
}
