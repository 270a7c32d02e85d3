package org.procroom.gateway.mqtt;

import java.time.Duration;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.TlsSettings;

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
        .or(() -> s.optionalString("passwordFile").map(file -> TlsSettings.secret(s.key("passwordFile"), file)));
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
        s.integer("maxInFlight", 64, 1, 65535),
        s.duration("reconnectInitial", Duration.ofMillis(500)),
        s.duration("reconnectMax", Duration.ofSeconds(30)),
        s.integer("keepAliveSeconds", 30, 5, 3600),
        tls(s.section("tls")));
  }

  /** The sockets the gateway's MQTT clients dial the broker with: TLS when configured, Nagle off either way. */
  public SocketFactory socketFactory() {
    return tls.<SocketFactory>map(NoDelaySocketFactory::tls).orElseGet(NoDelaySocketFactory::plain);
  }

  private static Optional<SSLSocketFactory> tls(DriverSettings s) {
    return TlsSettings.context(s).map(SSLContext::getSocketFactory);
  }

  @Override
  public String toString() {
    return "MqttSettings[url=" + url + ", clientId=" + clientId + ", username=" + username.orElse("-")
        + ", tls=" + tls.isPresent() + "]";
  }

  /**
   * How the gateway connects: a clean session of its own, never Paho's reconnect (the outbox decides
   * delivery), and the retained offline status as the last will (none where {@code willTopic} is null).
   */
  public org.eclipse.paho.mqttv5.client.MqttConnectionOptions connectionOptions(String willTopic,
      org.eclipse.paho.mqttv5.common.MqttMessage will) {
    org.eclipse.paho.mqttv5.client.MqttConnectionOptions options = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
    options.setCleanStart(true);
    options.setSessionExpiryInterval(0L);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(keepAliveSeconds);
    options.setConnectionTimeout(10);
    if (willTopic != null) {
      options.setWill(willTopic, will);
    }
    username.ifPresent(options::setUserName);
    password.ifPresent(p -> options.setPassword(new String(p).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    options.setSocketFactory(socketFactory());
    return options;
  }
}
