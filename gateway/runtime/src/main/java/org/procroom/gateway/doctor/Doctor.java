package org.procroom.gateway.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverFactory;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.Endpoint;
import org.procroom.gateway.config.GatewayConfig;
import org.procroom.gateway.mqtt.MqttSettings;

/**
 * Checks a box before (and while) the gateway runs on it: configuration, serial ports, listening
 * ports, broker, clock and disk. Every check returns a finding; none throws.
 */
public final class Doctor {
  /** Below this much free space the store cannot be trusted to take a cine burst. */
  static final long DISK_FAIL_BYTES = 512L << 20;
  static final long DISK_WARN_BYTES = 2L << 30;
  /** Clock offsets past this are findings: device times are compared with ours. */
  static final Duration CLOCK_WARN = Duration.ofMillis(500);

  private final GatewayConfig config;
  private final Map<String, DriverFactory> factories = new HashMap<>();
  private final ClockSource clockSource;

  /** Where the clock's synchronisation state comes from; a test gives its own. */
  public interface ClockSource {
    /** Output of {@code chronyc -c tracking}, or empty when chrony is not there. */
    Optional<String> chronyTracking();

    /** Output of {@code timedatectl show}, or empty when systemd's timedated is not there. */
    Optional<String> timedatectl();
  }

  public Doctor(GatewayConfig config) {
    this(config, new SystemClockSource());
  }

  public Doctor(GatewayConfig config, ClockSource clockSource) {
    this.config = config;
    this.clockSource = clockSource;
    ServiceLoader.load(DriverFactory.class).forEach(f -> factories.put(f.type(), f));
  }

  public List<Finding> run() {
    List<Finding> findings = new ArrayList<>();
    boolean gatewayRunning = gatewayHealth(findings);
    drivers(findings, gatewayRunning);
    listenPort(findings, "http", config.httpHost(), config.httpPort(), gatewayRunning);
    broker(findings, gatewayRunning);
    clock(findings);
    disk(findings);
    return findings;
  }

  private boolean gatewayHealth(List<Finding> findings) {
    HealthProbe probe = new HealthProbe(config);
    Optional<JsonNode> health = probe.ask(Duration.ofSeconds(3));
    if (health.isEmpty()) {
      findings.add(Finding.ok("gateway", "/health", "not running (nothing answers at " + probe.uri() + ")"));
      return false;
    }
    String status = health.get().path("status").asText("?");
    String detail = "running, status " + status + ", store " + health.get().path("store").path("status").asText()
        + ", broker " + health.get().path("mqtt").path("status").asText();
    findings.add(status.equals("DOWN") ? Finding.fail("gateway", "/health", detail) : Finding.ok("gateway", "/health", detail));
    return true;
  }

  private void drivers(List<Finding> findings, boolean gatewayRunning) {
    for (Map.Entry<String, DriverSettings> entry : config.drivers().entrySet()) {
      String id = entry.getKey();
      DriverSettings settings = entry.getValue();
      String type = settings.string("type", "");
      DriverFactory factory = factories.get(type);
      if (factory == null) {
        findings.add(Finding.fail("config", id, "unknown driver type '" + type + "' (known: "
            + String.join(", ", new java.util.TreeSet<>(factories.keySet())) + ")"));
        continue;
      }
      try {
        factory.create(settings);
        org.procroom.gateway.drivers.DriverManager.refuseUnasked(settings, type);
      } catch (ConfigException e) {
        findings.add(Finding.fail("config", id, e.getMessage()));
        continue;
      }
      findings.add(Finding.ok("config", id, type));
      for (Endpoint endpoint : factory.endpoints(settings)) {
        String subject = endpoint.name().isEmpty() ? id : id + " " + endpoint.name();
        if (endpoint instanceof Endpoint.Listening l) {
          listenPort(findings, subject, l.host(), l.port(), gatewayRunning);
        } else if (endpoint instanceof Endpoint.SerialLine line) {
          serialPort(findings, subject, line);
        }
      }
    }
  }

  private void serialPort(List<Finding> findings, String id, Endpoint.SerialLine line) {
    if (line.path().isEmpty()) {
      findings.add(Finding.fail("serial", id, "no plugged-in adapter matches " + line.wanted()));
      return;
    }
    Path path = Path.of(line.path().get());
    if (!Files.exists(path)) {
      findings.add(Finding.fail("serial", id, path + " does not exist (device unplugged, or no udev rule names it)"));
    } else if (!Files.isReadable(path) || !Files.isWritable(path)) {
      findings.add(Finding.fail("serial", id, path + " is not readable and writable by " + System.getProperty("user.name")
          + ownerHint(path)));
    } else {
      String target = Files.isSymbolicLink(path) ? " -> " + realPath(path) : "";
      findings.add(Finding.ok("serial", id, path + target + " present, readable and writable"));
    }
  }

  private static String ownerHint(Path path) {
    try {
      PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
      return " (owner " + attributes.owner().getName() + ", group " + attributes.group().getName()
          + "; add the user to that group)";
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private static String realPath(Path path) {
    try {
      return path.toRealPath().toString();
    } catch (IOException e) {
      return "?";
    }
  }

  private void listenPort(List<Finding> findings, String subject, String host, int port, boolean gatewayRunning) {
    String where = host + ":" + port;
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
      findings.add(Finding.ok("port", subject, where + " free"));
    } catch (IOException e) {
      if (gatewayRunning) {
        findings.add(Finding.ok("port", subject, where + " in use (the gateway is running)"));
      } else {
        findings.add(Finding.fail("port", subject, where + " cannot be bound: " + e.getMessage()
            + " (another program listens there; `ss -ltnp` names it)"));
      }
    }
  }

  private void broker(List<Finding> findings, boolean gatewayRunning) {
    String url = config.mqttUrl();
    if (url.isEmpty()) {
      findings.add(Finding.warn("broker", "mqtt.url", "the room runs on the broker built into the gateway ('embedded'):"
          + " no charting system reads it unless it subscribes to this box; a room names its site broker"));
      listenPort(findings, "embedded broker", config.embeddedBrokerHost(), config.embeddedBrokerPort(), gatewayRunning);
      return;
    }
    MqttSettings settings;
    try {
      settings = MqttSettings.from(config.mqtt(), config.room(), url);
    } catch (ConfigException e) {
      findings.add(Finding.fail("config", "mqtt", e.getMessage()));
      return;
    }
    // A client id of its own: the gateway's session must not be taken over by the check.
    MqttClient client = null;
    try {
      client = new MqttClient(url, settings.clientId() + "-doctor", new MemoryPersistence());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setConnectionTimeout(5);
      options.setCleanStart(true);
      options.setAutomaticReconnect(false);
      settings.username().ifPresent(options::setUserName);
      settings.password().ifPresent(p -> options.setPassword(new String(p).getBytes(StandardCharsets.UTF_8)));
      options.setSocketFactory(settings.socketFactory());
      long started = System.nanoTime();
      client.connect(options);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      client.disconnect();
      findings.add(Finding.ok("broker", url, "accepts our connection (" + millis + " ms)"));
    } catch (MqttException e) {
      findings.add(Finding.fail("broker", url, "refused or unreachable: " + e.getMessage()
          + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "")));
    } finally {
      closeQuietly(client);
    }
  }

  private static void closeQuietly(MqttClient client) {
    if (client != null) {
      try {
        client.close(true);
      } catch (MqttException e) {
        // already disconnected; nothing to release
      }
    }
  }

  void clock(List<Finding> findings) {
    Optional<String> tracking = clockSource.chronyTracking();
    if (tracking.isPresent()) {
      findings.add(chronyFinding(tracking.get()));
      return;
    }
    Optional<String> timedate = clockSource.timedatectl();
    if (timedate.isPresent()) {
      boolean synced = timedate.get().lines().anyMatch(l -> l.equals("NTPSynchronized=yes"));
      findings.add(synced
          ? Finding.ok("clock", "timedatectl", "synchronised (systemd-timesyncd; offset not reported, `chronyc tracking` would)")
          : Finding.fail("clock", "timedatectl", "not synchronised: device times cannot be checked against ours;"
              + " configure NTP (timedatectl set-ntp true, or chrony)"));
      return;
    }
    findings.add(Finding.warn("clock", "time sync", "no time synchronisation service answers (neither chrony nor"
        + " systemd-timedated); install chrony and point it at the site's NTP server"));
  }

  /** {@code chronyc -c tracking}: CSV; field 5 is the system time offset in seconds, field 13 the leap status. */
  static Finding chronyFinding(String csv) {
    String[] f = csv.trim().split(",");
    if (f.length < 14) {
      return Finding.warn("clock", "chrony", "unreadable tracking report: " + csv.trim());
    }
    double offsetMillis = Double.parseDouble(f[4]) * 1000;
    String leap = f[13];
    String detail = String.format(java.util.Locale.ROOT, "offset %.3f ms from %s (stratum %s)", offsetMillis, f[1], f[2]);
    if (leap.equalsIgnoreCase("Not synchronised")) {
      return Finding.fail("clock", "chrony", "not synchronised; " + detail);
    }
    if (Math.abs(offsetMillis) > CLOCK_WARN.toMillis()) {
      return Finding.warn("clock", "chrony", "synchronised but " + detail + " (over " + CLOCK_WARN.toMillis() + " ms)");
    }
    return Finding.ok("clock", "chrony", "synchronised, " + detail);
  }

  private void disk(List<Finding> findings) {
    Path dir = config.dataDir();
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      findings.add(Finding.fail("disk", dir.toString(), "no part of the path exists"));
      return;
    }
    if (!Files.isWritable(existing)) {
      findings.add(Finding.fail("disk", dir.toString(), existing + " is not writable by " + System.getProperty("user.name")));
      return;
    }
    try {
      long free;
      long total;
      try {
        FileStore store = Files.getFileStore(existing);
        free = store.getUsableSpace();
        total = store.getTotalSpace();
      } catch (IOException unlisted) {
        // A mount that /proc/mounts does not list (a chroot, some containers): ask the folder itself.
        free = existing.toFile().getUsableSpace();
        total = existing.toFile().getTotalSpace();
        if (total == 0) {
          throw unlisted;
        }
      }
      String detail = String.format(java.util.Locale.ROOT, "%.1f GiB free of %.1f GiB", free / 1073741824.0,
          total / 1073741824.0);
      if (free < DISK_FAIL_BYTES) {
        findings.add(Finding.fail("disk", dir.toString(), detail + ": below " + (DISK_FAIL_BYTES >> 20) + " MiB,"
            + " the store will refuse new data"));
      } else if (free < DISK_WARN_BYTES) {
        findings.add(Finding.warn("disk", dir.toString(), detail + ": below " + (DISK_WARN_BYTES >> 30) + " GiB"));
      } else {
        findings.add(Finding.ok("disk", dir.toString(), detail));
      }
    } catch (IOException e) {
      findings.add(Finding.fail("disk", dir.toString(), "cannot read free space: " + e.getMessage()));
    }
  }

  /** Asks chrony and timedatectl through their command-line tools. */
  static final class SystemClockSource implements ClockSource {
    @Override
    public Optional<String> chronyTracking() {
      return command("chronyc", "-c", "tracking");
    }

    @Override
    public Optional<String> timedatectl() {
      return command("timedatectl", "show");
    }

    private static Optional<String> command(String... command) {
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
          process.destroyForcibly();
          return Optional.empty();
        }
        return Optional.of(out);
      } catch (IOException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }
}
