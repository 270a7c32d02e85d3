package org.procroom.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** Paho leaves Nagle's algorithm on; the gateway's broker sockets, plain or TLS, have it off. */
class BrokerSocketsSendWithoutDelayTest {
  private static MqttSettings settings(Optional<SSLSocketFactory> tls) {
    return new MqttSettings("tcp://127.0.0.1:1883", "procroom-test", Optional.empty(), Optional.empty(), "procroom",
        64, Duration.ofMillis(500), Duration.ofSeconds(30), 30, tls);
  }

  @Test
  void aPlainBrokerSocketHasNagleOff() throws Exception {
    SocketFactory factory = settings(Optional.empty()).socketFactory();
    try (Socket socket = factory.createSocket()) {
      assertTrue(socket.getTcpNoDelay());
    }
  }

  @Test
  void aTlsBrokerSocketIsStillTlsAndHasNagleOff() throws Exception {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, null, null);
    SocketFactory factory = settings(Optional.of(context.getSocketFactory())).socketFactory();
    // Paho chooses its TLS transport by the factory's type.
    assertInstanceOf(SSLSocketFactory.class, factory);
    try (Socket socket = factory.createSocket()) {
      assertInstanceOf(SSLSocket.class, socket);
      assertTrue(socket.getTcpNoDelay());
    }
  }
}
