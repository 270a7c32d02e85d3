package org.procroom.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway as the box runs it: its own JVM with the installed package's heap bound, so start-up,
 * memory and threads are the gateway's alone.
 */
final class GatewayProcess implements AutoCloseable {
  /** As /etc/default/procroom sets it. */
  static final String HEAP = "-Xmx320m";

  private final Process process;
  final int httpPort;
  final Duration startup;
  private final HttpClient http = HttpClient.newHttpClient();

  private GatewayProcess(Process process, int httpPort, Duration startup) {
    this.process = process;
    this.httpPort = httpPort;
    this.startup = startup;
  }

  static GatewayProcess start(Path dir, String configYaml, Map<String, String> env, int httpPort) throws Exception {
    Files.createDirectories(dir);
    Path config = Files.writeString(dir.resolve("gateway.yaml"), configYaml);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        HEAP, "-cp", System.getProperty("java.class.path"), "org.procroom.gateway.cli.Main", "run", "--config",
        config.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("gateway.log").toFile());
    pb.environment().putAll(env);
    pb.environment().put("PROCROOM_HOME", dir.toString());
    pb.environment().put("PROCROOM_HTTP_PORT", String.valueOf(httpPort));
    long started = System.nanoTime();
    Process process = pb.start();
    GatewayProcess gateway = new GatewayProcess(process, httpPort, Duration.ZERO);
    gateway.awaitHealth(dir);
    return new GatewayProcess(process, httpPort, Duration.ofNanos(System.nanoTime() - started));
  }

  private void awaitHealth(Path dir) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the gateway exited: " + Files.readString(dir.resolve("gateway.log")));
      }
      try {
        if (get("/health").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no /health within 60 s");
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Broker confirmations so far, all of them and those within 10 ms of receive. */
  record Confirmations(long total, long within10ms) {}

  Confirmations confirmations() throws IOException, InterruptedException {
    long total = -1;
    long within = -1;
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith("procroom_publish_latency_seconds_count ")) {
        total = Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
      } else if (line.startsWith("procroom_publish_latency_seconds_bucket{le=\"0.01\"} ")) {
        within = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).trim());
      }
    }
    if (total < 0 || within < 0) {
      throw new IOException("/metrics has no publish latency histogram");
    }
    return new Confirmations(total, within);
  }

  /** Resident set size in MiB, from /proc. */
  double rssMiB() throws IOException {
    return status("VmRSS:") / 1024.0;
  }

  /** CPU time the gateway has used (user + system), from /proc/<pid>/stat in clock ticks of 1/100 s. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // fields 14 and 15, after pid and (comm)
  }

  long threads() throws IOException {
    return status("Threads:");
  }

  private long status(String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IOException(key + " not in /proc/" + process.pid() + "/status");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
