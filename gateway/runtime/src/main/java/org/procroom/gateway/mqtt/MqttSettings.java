package org.procroom.gateway.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;

/**
 * Broker connection settings. Secrets come from {@code password}/{@code PROCROOM_MQTT_PASSWORD} or
 * from a file ({@code passwordFile}); they are never logged.
 */
public record MqttSettings(
    String url,
    String clientId,
    Optional<String> username,
    Optional<char[]> password,
    String topicPrefix,
    int maxInFlight,
    Duration reconnectInitial,
    Duration reconnectMax,
    int keepAliveSeconds,
    Optional<SSLSocketFactory> tls) {

  public static MqttSettings from(DriverSettings s, String room, String url) {
    Optional<char[]> password = s.optionalString("password").map(String::toCharArray)
        .or(() -> s.optionalString("passwordFile").map(file -> readSecret(s.key("passwordFile"), file)));
    String prefix = s.string("topicPrefix", "procroom");
    if (!prefix.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")) {
      throw new ConfigException(s.key("topicPrefix"), "may hold only letters, digits, . _ - and / between levels");
    }
    return new MqttSettings(
        url,
        s.string("clientId", "procroom-" + room),
        s.optionalString("username"),
        password,
        prefix,
        s.integer("maxInFlight", 10, 1, 65535),
        s.duration("reconnectInitial", Duration.ofMillis(500)),
        s.duration("reconnectMax", Duration.ofSeconds(30)),
        s.integer("keepAliveSeconds", 30, 5, 3600),
        tls(s.section("tls")));
  }

  private static Optional<SSLSocketFactory> tls(DriverSettings s) {
    if (!s.has("trustStore") && !s.has("keyStore")) {
      return Optional.empty();
    }
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(s.has("trustStore") ? load(s, "trustStore") : null);
      KeyManagerFactory kmf = null;
      if (s.has("keyStore")) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(s, "keyStore"), storePassword(s, "keyStore"));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return Optional.of(context.getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new ConfigException(s.path(), "TLS set-up failed: " + e.getMessage());
    }
  }

  private static KeyStore load(DriverSettings s, String name) {
    Path path = Path.of(s.string(name));
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, storePassword(s, name));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(s.key(name), "cannot read PKCS#12 store " + path + ": " + e.getMessage());
    }
  }

  private static char[] storePassword(DriverSettings s, String name) {
    return s.optionalString(name + "PasswordFile").map(f -> readSecret(s.key(name + "PasswordFile"), f))
        .orElseGet(() -> s.string(name + "Password", "").toCharArray());
  }

  private static char[] readSecret(String key, String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().toCharArray();
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read secret file " + file + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "MqttSettings[url=" + url + ", clientId=" + clientId + ", username=" + username.orElse("-")
        + ", tls=" + tls.isPresent() + "]";
  }
}
