package org.procroom.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.TlsSettings;
import org.procroom.gateway.store.EventJson;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.TestPki;

/**
 * Mosquitto with {@code require_certificate}, identities from certificates and an ACL: the room's
 * certificate gets in and publishes its room's feed; a certificate from another authority is refused
 * at the handshake; the room's certificate cannot publish another room's topics. Refused messages
 * stay in the outbox.
 */
class MqttOverTlsWithClientCertificatesTest {
  private static final String VIAL = "]d20100304094276014" + "17271130" + "10LID2401" + "<GS>" + "21S1";

  @TempDir Path dir;

  @Test
  void onlyTheRoomsCertificateGetsInAndOnlyIntoItsOwnSubtree() throws Exception {
    TestPki site = TestPki.authority(dir.resolve("pki"), "site");
    Path[] brokerCert = site.issue("broker", true);
    Path roomKeys = site.keyStore("procroom-room-7");
    Path chartingKeys = site.keyStore("charting");
    Path trust = site.trustStore();
    Path password = site.passwordFile();
    Path rogueKeys = TestPki.authority(dir.resolve("rogue"), "rogue").keyStore("procroom-room-7");
    Path acl = Files.writeString(dir.resolve("acl"), """
        user procroom-room-7
        topic readwrite procroom/room-7/#

        user charting
        topic read procroom/#
        """);
    try (MosquittoBroker broker = MosquittoBroker.startTls(dir.resolve("broker"), site.caCert, brokerCert[0],
        brokerCert[1], acl);
         FeedSubscriber charting = new FeedSubscriber(broker.url(), "procroom/#", socketFactory(chartingKeys, trust, password))) {

      try (Room room = tlsRoom("room-7", broker, roomKeys, trust, password); Gateway gateway = room.startGateway()) {
        room.scanner.scan(VIAL);
        Await.until(Duration.ofSeconds(15), () -> charting.all().stream()
            .anyMatch(m -> m.topic().equals("procroom/room-7/events/scanner-1/barcode.scan")), () -> "scan not received");
        assertEquals(MqttPublisher.State.CONNECTED, gateway.publisher().health().state());
        Await.until(Duration.ofSeconds(10), () -> gateway.store().outboxDepth().join() == 0, () -> "outbox not drained");
      }

      try (Room room = tlsRoom("room-7", broker, rogueKeys, trust, password); Gateway gateway = room.startGateway()) {
        room.scanner.scan(VIAL);
        Await.until(Duration.ofSeconds(15), () -> gateway.publisher().health().lastError() != null,
            () -> "no connection error for a certificate of another authority");
        assertFalse(gateway.publisher().connected());
        String error = gateway.publisher().health().lastError();
        assertTrue(error.toLowerCase().contains("certificate") || error.toLowerCase().contains("handshake")
            || error.toLowerCase().contains("connection lost") || error.toLowerCase().contains("broken pipe"), error);
        assertTrue(gateway.store().outboxDepth().join() > 0, "kept for when a valid certificate is configured");
      }

      long beforeRoom8 = charting.all().size();
      try (Room room = tlsRoom("room-8", broker, roomKeys, trust, password); Gateway gateway = room.startGateway()) {
        room.scanner.scan(VIAL);
        Await.until(Duration.ofSeconds(15), () -> String.valueOf(gateway.publisher().health().lastError()).contains("0x87"),
            () -> "no refusal: " + gateway.publisher().health());
        assertTrue(gateway.publisher().health().lastError().contains("procroom/room-8/"), gateway.publisher().health().lastError());
        assertTrue(gateway.store().outboxDepth().join() > 0, "refused messages stay in the outbox");
      }
      assertTrue(charting.all().stream().skip(beforeRoom8).noneMatch(m -> m.topic().startsWith("procroom/room-8/")),
          "nothing of room 8 reached the feed");
    }
  }

  private Room tlsRoom(String name, MosquittoBroker broker, Path keyStore, Path trust, Path password) throws Exception {
    Room room = new Room(dir.resolve(name + "-" + keyStore.getFileName()), broker.url());
    room.env().put("PROCROOM_ROOM", name);
    room.env().put("PROCROOM_MQTT_TLS_TRUST_STORE", trust.toString());
    room.env().put("PROCROOM_MQTT_TLS_TRUST_STORE_PASSWORD_FILE", password.toString());
    room.env().put("PROCROOM_MQTT_TLS_KEY_STORE", keyStore.toString());
    room.env().put("PROCROOM_MQTT_TLS_KEY_STORE_PASSWORD_FILE", password.toString());
    return room;
  }

  private static SocketFactory socketFactory(Path keyStore, Path trust, Path password) {
    ObjectNode tls = EventJson.MAPPER.createObjectNode().put("keyStore", keyStore.toString())
        .put("keyStorePasswordFile", password.toString()).put("trustStore", trust.toString())
        .put("trustStorePasswordFile", password.toString());
    return TlsSettings.context(new DriverSettings("tls", tls)).orElseThrow().getSocketFactory();
  }
}
