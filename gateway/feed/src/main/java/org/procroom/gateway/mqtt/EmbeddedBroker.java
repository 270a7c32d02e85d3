package org.procroom.gateway.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ CE, in-process, for the zero-configuration demo and for rooms without a site broker.
 * It accepts unauthenticated clients, so it is bound to loopback unless configured otherwise.
 * Its libraries live in their own class loader (it needs Netty 4.1; Vert.x 5 uses Netty 4.2).
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final URLClassLoader loader;
  private final Object hivemq;
  private final String host;
  private final int port;

  private EmbeddedBroker(URLClassLoader loader, Object hivemq, String host, int port) {
    this.loader = loader;
    this.hivemq = hivemq;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts the broker with its state under {@code dataDir/broker}.
   *
   * @param libDir folder with the HiveMQ jars (gateway/broker-embedded/target/lib, or the install's lib/hivemq)
   */
  public static EmbeddedBroker start(Path libDir, Path dataDir, String host, int port) {
    ensurePortFree(host, port);
    Path home = dataDir.resolve("broker");
    try {
      Path conf = Files.createDirectories(home.resolve("conf"));
      Files.createDirectories(home.resolve("data"));
      Files.createDirectories(home.resolve("extensions"));
      Files.writeString(conf.resolve("config.xml"), """
          <?xml version="1.0"?>
          <hivemq>
            <listeners>
              <tcp-listener>
                <port>%d</port>
                <bind-address>%s</bind-address>
              </tcp-listener>
            </listeners>
            <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
          </hivemq>
          """.formatted(port, host));
      Files.writeString(conf.resolve("logback.xml"), """
          <configuration>
            <appender name="FILE" class="ch.qos.logback.core.FileAppender">
              <file>%s</file>
              <encoder><pattern>%%d %%-5level %%logger{20} - %%msg%%n</pattern></encoder>
            </appender>
            <root level="WARN"><appender-ref ref="FILE"/></root>
          </configuration>
          """.formatted(home.resolve("hivemq.log")));
      URLClassLoader loader = new URLClassLoader("hivemq", jars(libDir), ClassLoader.getPlatformClassLoader());
      Class<?> api = loader.loadClass("com.hivemq.embedded.EmbeddedHiveMQ");
      Object builder = api.getMethod("builder").invoke(null);
      Class<?> builderApi = loader.loadClass("com.hivemq.embedded.EmbeddedHiveMQBuilder");
      builder = builderApi.getMethod("withConfigurationFolder", Path.class).invoke(builder, conf);
      builder = builderApi.getMethod("withDataFolder", Path.class).invoke(builder, home.resolve("data"));
      builder = builderApi.getMethod("withExtensionsFolder", Path.class).invoke(builder, home.resolve("extensions"));
      Object hivemq = builderApi.getMethod("build").invoke(builder);
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      // HiveMQ installs its own default handler, which breaks once its class loader is closed.
      Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
      // It also bridges java.util.logging JVM-wide into its isolated logback: a JUL record with a
      // throwable from any other code then fails in its class loader (NoClassDefFoundError in the
      // caller). The JVM's own JUL handlers are put back once it has started.
      java.util.logging.Logger julRoot = java.util.logging.LogManager.getLogManager().getLogger("");
      java.util.logging.Handler[] julHandlers = julRoot.getHandlers();
      Thread.currentThread().setContextClassLoader(loader);
      try {
        ((CompletableFuture<?>) api.getMethod("start").invoke(hivemq)).get(60, TimeUnit.SECONDS);
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
        Thread.setDefaultUncaughtExceptionHandler(handler);
        for (java.util.logging.Handler h : julRoot.getHandlers()) {
          julRoot.removeHandler(h);
        }
        for (java.util.logging.Handler h : julHandlers) {
          julRoot.addHandler(h);
        }
      }
      LOG.info("embedded MQTT broker (HiveMQ CE) listening on {}:{}", host, port);
      return new EmbeddedBroker(loader, hivemq, host, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the embedded broker in " + home, e);
    } catch (ReflectiveOperationException | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the embedded broker did not start: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the embedded broker", e);
    }
  }

  public String url() {
    return "tcp://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port;
  }

  private static void ensurePortFree(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new IllegalStateException("embedded broker: port " + host + ":" + port + " is in use (another broker?"
          + " Use it with PROCROOM_MQTT_URL=tcp://" + host + ":" + port
          + ", or move the embedded one with PROCROOM_EMBEDDED_BROKER_PORT)");
    }
  }

  private static URL[] jars(Path libDir) throws IOException {
    if (!Files.isDirectory(libDir)) {
      throw new IOException("mqtt.url is empty, which asks for the embedded demo broker, but its libraries are not in "
          + libDir + ": set mqtt.url to the room's broker (e.g. tcp://127.0.0.1:1883 for Debian's mosquitto),"
          + " or build a checkout with ./procroom build");
    }
    try (Stream<Path> files = Files.list(libDir)) {
      return files.filter(f -> f.toString().endsWith(".jar")).sorted().map(f -> {
        try {
          return f.toUri().toURL();
        } catch (MalformedURLException e) {
          throw new UncheckedIOException(e);
        }
      }).toArray(URL[]::new);
    }
  }

  @Override
  public void close() {
    try {
      Method stop = loader.loadClass("com.hivemq.embedded.EmbeddedHiveMQ").getMethod("close");
      stop.invoke(hivemq);
      loader.close();
    } catch (ReflectiveOperationException | IOException e) {
      LOG.warn("stopping the embedded broker: {}", e.getMessage());
    }
  }
}
