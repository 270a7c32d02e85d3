package org.procroom.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * The built package, as dpkg, apt and systemd see it: what it declares, that its units verify and
 * are hardened, and that installed into a throwaway root it starts, keeps an edited conffile and an
 * open procedure across an upgrade.
 */
class DebianPackageIT {
  private static Path deb;
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @BeforeAll
  static void findPackage() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("procroom.deb.dir")))) {
      deb = files.filter(p -> p.getFileName().toString().endsWith("_all.deb"))
          .max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
    }
  }

  @Test
  void declaresItsDependenciesConffilesAndFiles() throws Exception {
    assertEquals("procroom-gateway", run("dpkg-deb", "-f", deb.toString(), "Package").trim());
    assertEquals("all", run("dpkg-deb", "-f", deb.toString(), "Architecture").trim());
    String depends = run("dpkg-deb", "-f", deb.toString(), "Depends");
    assertTrue(depends.contains("java17-runtime-headless") && depends.contains("libpixelmed-java"), depends);
    assertEquals(List.of("/etc/procroom/gateway.yaml", "/etc/procroom/formulary.yaml", "/etc/procroom/recalls.yaml",
        "/etc/default/procroom"), run("dpkg-deb", "-I", deb.toString(), "conffiles").lines().toList());

    List<String> contents = run("dpkg-deb", "-c", deb.toString()).lines().toList();
    assertHas(contents, "-rwxr-xr-x root/root .* ./usr/bin/procroom");
    assertHas(contents, " ./usr/share/procroom/lib/procroom-gateway-.*\\.jar");
    assertHas(contents, " ./lib/systemd/system/procroom.service");
    assertHas(contents, " ./lib/systemd/system/procroom-health.timer");
    assertHas(contents, " ./usr/share/doc/procroom-gateway/examples/60-procroom.rules");
    assertHas(contents, "-rw-r----- root/root .* ./etc/procroom/gateway.yaml");
    assertTrue(contents.stream().noneMatch(l -> l.contains("pixelmed") || l.contains("hivemq")),
        "PixelMed comes from Debian, the demo broker is not installed");
    assertTrue(contents.stream().noneMatch(l -> l.contains("procroom-simulators") || l.contains("procroom-demo")),
        "no simulator and no demo in the product: " + contents);
    try (Stream<Path> jars = Files.list(deb.getParent().resolve("deb-lib"))) {
      for (Path jar : jars.filter(p -> p.getFileName().toString().startsWith("procroom-")).toList()) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
          assertTrue(file.stream().noneMatch(e -> e.getName().startsWith("org/procroom/simulators/")
              || e.getName().startsWith("org/procroom/gateway/demo/")), jar + " carries simulator or demo classes");
        }
      }
    }
    List<String> systemFolders = contents.stream().filter(l -> l.matches(".* \\./(etc|etc/default|var|var/lib|usr|lib)/$"))
        .toList();
    assertEquals(4, systemFolders.stream().filter(l -> l.matches(".* \\./(etc|usr|lib|etc/default)/$")).count(), contents.toString());
    assertTrue(systemFolders.stream().allMatch(l -> l.split("\\s+")[1].equals("root/root")),
        "system folders stay root's: " + systemFolders);

    // apt resolves the package's dependencies against this machine's packages.
    String simulated = run("apt-get", "install", "--simulate", deb.toString());
    assertTrue(simulated.contains("Inst procroom-gateway"), simulated);
  }

  @Test
  void unitsVerifyAndTheServiceIsHardened() throws Exception {
    Path root = dir.resolve("root");
    run("dpkg-deb", "-x", deb.toString(), root.toString());
    Path units = Files.createDirectories(dir.resolve("units"));
    List<String> unitFiles = new ArrayList<>();
    for (String unit : List.of("procroom.service", "procroom-health.service", "procroom-health.timer",
        "procroom-restart.service")) {
      // systemd-analyze checks that ExecStart exists: point it at the unpacked launcher.
      String text = Files.readString(root.resolve("lib/systemd/system").resolve(unit))
          .replace("/usr/bin/procroom", root.resolve("usr/bin/procroom").toString());
      unitFiles.add(Files.writeString(units.resolve(unit), text).toString());
    }
    List<String> verify = new ArrayList<>(List.of("systemd-analyze", "verify"));
    verify.addAll(unitFiles);
    assertEquals("", run(verify.toArray(String[]::new)), "systemd-analyze verify reports nothing");

    String service = Files.readString(units.resolve("procroom.service"));
    for (String line : List.of("User=procroom", "SupplementaryGroups=dialout", "Restart=on-failure",
        "ProtectSystem=strict", "ReadWritePaths=/var/lib/procroom", "PrivateTmp=yes", "NoNewPrivileges=yes",
        "CapabilityBoundingSet=")) {
      assertTrue(service.lines().anyMatch(line::equals), "procroom.service lacks " + line);
    }
    String security = run("systemd-analyze", "security", "--offline=true", units.resolve("procroom.service").toString());
    Matcher exposure = Pattern.compile("Overall exposure level for procroom.service: ([0-9.]+)").matcher(security);
    assertTrue(exposure.find(), security);
    assertTrue(Double.parseDouble(exposure.group(1)) <= 4.0, "exposure " + exposure.group(1) + " (10 = unprotected)");
  }

  @Test
  void installedIntoARootItServesAndAnUpgradeKeepsEditsAndTheOpenProcedure() throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
    Files.createFile(root.resolve("var/lib/dpkg/status"));
    dpkgInstall(root, deb);
    // The dependency a real install brings in: Debian's PixelMed.
    Files.createDirectories(root.resolve("usr/share/java"));
    Files.createSymbolicLink(root.resolve("usr/share/java/pixelmed.jar"), Path.of("/usr/share/java/pixelmed.jar"));
    Files.createDirectories(root.resolve("var/lib/procroom"));

    Path config = root.resolve("etc/procroom/gateway.yaml");
    String edited = Files.readString(config) + "# edited on site\n";
    Files.writeString(config, edited);

    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"))) {
      int httpPort = FreePort.pick();
      String procedureId;
      Process gateway = start(root, broker, httpPort);
      try {
        awaitHealth(httpPort, gateway);
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/api/procedures")).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"procedureType\":\"TPI\",\"patientRef\":\"MRN-UPGRADE\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(201, opened.statusCode(), opened.body());
        procedureId = opened.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
      } finally {
        stop(gateway);
      }

      Path next = nextRelease(deb);
      dpkgInstall(root, next);
      String status = Files.readString(root.resolve("var/lib/dpkg/status"));
      assertTrue(status.contains("Version: " + run("dpkg-deb", "-f", next.toString(), "Version").trim()), status);
      assertEquals(edited, Files.readString(config), "dpkg kept the edited conffile");

      Process upgraded = start(root, broker, httpPort);
      try {
        awaitHealth(httpPort, upgraded);
        String current = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
            + "/api/procedures/current")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(current.contains("\"id\":\"" + procedureId + "\""), "open procedure after the upgrade: " + current);
      } finally {
        stop(upgraded);
      }
    }
  }

  private static final String ROOM = "installed-root-test";

  private Process start(Path root, MosquittoBroker broker, int httpPort) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(root.resolve("usr/bin/procroom").toString(), "run")
        .redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile());
    Map<String, String> env = pb.environment();
    // The package's own folders: the checkout launcher's PROCROOM_HOME would put the store in the
    // checkout, where the procedure an earlier run left open makes this run's open refused.
    env.remove("PROCROOM_HOME");
    env.remove("PROCROOM_CONFIG");
    env.remove("PROCROOM_DATA_DIR");
    env.put("PROCROOM_HTTP_PORT", String.valueOf(httpPort));
    // A room name of its own: /health must be this gateway's, not another process's on a reused port.
    env.put("PROCROOM_ROOM", ROOM);
    env.put("PROCROOM_MQTT_URL", broker.url());
    env.put("PROCROOM_DRIVERS_ULTRASOUND_BIND_ADDRESS", "127.0.0.1");
    env.put("PROCROOM_DRIVERS_ULTRASOUND_PORT", String.valueOf(FreePort.pick()));
    env.put("PROCROOM_DRIVERS_ULTRASOUND_MPPS_PORT", String.valueOf(FreePort.pick()));
    env.put("JAVA_OPTS", "-Xmx320m");
    return pb.start();
  }

  private void awaitHealth(int port, Process gateway) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertTrue(gateway.isAlive(), () -> "the installed gateway exited: " + log());
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          assertTrue(health.body().contains("\"room\":\"" + ROOM + "\""), "another gateway answers on port " + port
              + ": " + health.body());
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no /health within 60 s: " + log());
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("gateway.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** The same package under the next version number, as the following release would be. */
  private Path nextRelease(Path deb) throws Exception {
    Path tree = dir.resolve("next");
    run("dpkg-deb", "-R", deb.toString(), tree.toString());
    Path control = tree.resolve("DEBIAN/control");
    String version = run("dpkg-deb", "-f", deb.toString(), "Version").trim();
    Files.writeString(control, Files.readString(control).replace("Version: " + version, "Version: " + version + "+next1"));
    Path next = dir.resolve("procroom-gateway_next_all.deb");
    run("dpkg-deb", "--root-owner-group", "-b", tree.toString(), next.toString());
    return next;
  }

  /** dpkg into a folder: maintainer scripts run without chroot and see DPKG_ROOT (they leave users and services alone). */
  private static void dpkgInstall(Path root, Path deb) throws Exception {
    run("dpkg", "--root=" + root, "--force-depends", "--force-script-chrootless", "--force-not-root",
        "--force-confold", "-i", deb.toString());
  }

  private static void assertHas(List<String> lines, String regex) {
    Pattern p = Pattern.compile(regex);
    assertFalse(lines.stream().noneMatch(l -> p.matcher(l).find()), "no line matching " + regex + " in " + lines);
  }

  /** Runs a command; its standard output, or an assertion error with everything it printed. */
  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).start();
    byte[] err = process.getErrorStream().readAllBytes();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = process.waitFor();
    String errText = new String(err, StandardCharsets.UTF_8);
    if (status != 0 || (command[0].equals("systemd-analyze") && command[1].equals("verify") && !errText.isEmpty())) {
      throw new AssertionError(String.join(" ", command) + " -> exit " + status + "\n" + out + errText);
    }
    return out;
  }
}
