package org.procroom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (Debian package {@code mosquitto}) on a free loopback port, started and
 * stopped by the test. It keeps its port across stop and start so that clients can reconnect.
 */
public final class MosquittoBroker implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final java.util.List<String> access;
  private final boolean tls;
  private Process process;

  public MosquittoBroker(Path dir) {
    this(dir, java.util.List.of("allow_anonymous true"), false);
  }

  private MosquittoBroker(Path dir, java.util.List<String> access, boolean tls) {
    this.dir = dir;
    this.port = FreePort.pick();
    this.access = access;
    this.tls = tls;
  }

  /** A broker that takes only {@code user} with {@code password} (a password file made by mosquitto_passwd). */
  public static MosquittoBroker startWithPassword(Path dir, String user, String password) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("passwords");
      Process p = new ProcessBuilder("mosquitto_passwd", "-c", "-b", file.toString(), user, password)
          .redirectErrorStream(true).start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("mosquitto_passwd failed: " + new String(p.getInputStream().readAllBytes()));
      }
      MosquittoBroker broker = new MosquittoBroker(dir, java.util.List.of("allow_anonymous false",
          "password_file " + file), false);
      broker.start();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A broker that takes only TLS clients with a certificate from {@code caFile}, each known by its
   * certificate's common name, and lets each do what {@code aclFile} allows.
   */
  public static MosquittoBroker startTls(Path dir, Path caFile, Path certFile, Path keyFile, Path aclFile) {
    MosquittoBroker broker = new MosquittoBroker(dir, java.util.List.of(
        "allow_anonymous false",
        "cafile " + caFile,
        "certfile " + certFile,
        "keyfile " + keyFile,
        "require_certificate true",
        "use_identity_as_username true",
        "acl_file " + aclFile), true);
    broker.start();
    return broker;
  }

  public static MosquittoBroker start(Path dir) {
    MosquittoBroker broker = new MosquittoBroker(dir);
    broker.start();
    return broker;
  }

  public int port() {
    return port;
  }

  public String url() {
    return (tls ? "ssl" : "tcp") + "://127.0.0.1:" + port;
  }

  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Path conf = dir.resolve("mosquitto.conf");
      java.util.List<String> lines = new java.util.ArrayList<>();
      lines.add("listener " + port + " 127.0.0.1");
      // Run as the test's user: as root, Mosquitto would switch to its own user, which cannot write
      // its persistence into the test's folder nor read the test's keys.
      lines.add("user " + System.getProperty("user.name"));
      lines.addAll(access);
      Files.writeString(conf, String.join("\n", lines) + "\n" + String.join("\n",
          // Persistent sessions of subscribers survive a broker restart, as on a real site broker.
          "persistence true",
          "persistence_location " + dir + "/",
          "autosave_interval 1",
          "max_queued_messages 100000",
          "set_tcp_nodelay true",
          "log_dest file " + dir.resolve("mosquitto.log"),
          "log_type error",
          "log_type warning",
          "log_type notice",
          ""));
      process = new ProcessBuilder(mosquittoBinary(), "-c", conf.toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("mosquitto.out").toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("mosquitto could not start (apt-get install mosquitto)", e);
    }
    FreePort.awaitListening(port, Duration.ofSeconds(10));
  }

  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private static String mosquittoBinary() {
    for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto"}) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "mosquitto";
  }

  @Override
  public void close() {
    stop();
  }
}
