package org.procroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on. */
final class Machine {
  private Machine() {}

  static String describe(Path workDir) {
    String cpu = firstMatch(Path.of("/proc/cpuinfo"), "model name");
    String memory = firstMatch(Path.of("/proc/meminfo"), "MemTotal");
    return String.join("\n",
        "- CPU: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores available",
        "- Memory: " + memory,
        "- Disk holding the data: " + command("df", "-h", "--output=source,fstype,size,avail", workDir.toString())
            .lines().skip(1).findFirst().orElse("?").trim().replaceAll("\\s+", " "),
        "- OS: " + firstMatch(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", ""),
        "- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
            + "; the gateway runs in its own JVM with " + GatewayProcess.HEAP + " as the package installs it",
        "- Mosquitto: " + command("mosquitto", "-h").lines().findFirst().orElse("?").trim(),
        "- DCMTK: " + command("storescp", "--version").lines().filter(l -> l.startsWith("$dcmtk:")).findFirst()
            .map(l -> l.replace("$dcmtk:", "").replace("$", "").trim()).orElse("?"));
  }

  private static String firstMatch(Path file, String key) {
    try {
      return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
          .map(l -> l.substring(l.indexOf(l.contains(":") ? ':' : '=') + 1).trim()).orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String command(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
