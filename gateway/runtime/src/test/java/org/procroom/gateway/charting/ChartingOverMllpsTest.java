package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.TestPki;

/**
 * MLLP over TLS to the interface engine (OpenSSL through socat terminating TLS in front of HAPI's
 * receiver): with the site's CA the messages are delivered; with a certificate from another CA the
 * gateway sends nothing and says why.
 */
class ChartingOverMllpsTest {
  @TempDir Path dir;

  private void run(TestPki trusted, Path[] engineCertificate, boolean delivered) throws Exception {
    int tlsPort = FreePort.pick();
    int mllp = FreePort.pick();
    Process terminator = null;
    try (InterfaceEngine engine = InterfaceEngine.start(InterfaceEngine.ACCEPT_ALL);
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker-" + delivered));
         Room room = new Room(dir.resolve("room-" + delivered), broker.url())) {
      terminator = new ProcessBuilder("socat", "OPENSSL-LISTEN:" + tlsPort + ",bind=127.0.0.1,reuseaddr,fork,verify=0,cert="
          + engineCertificate[0] + ",key=" + engineCertificate[1], "TCP:127.0.0.1:" + engine.port())
          .redirectErrorStream(true).redirectOutput(dir.resolve("socat-" + delivered + ".log").toFile()).start();
      FreePort.awaitListening(tlsPort, Duration.ofSeconds(10));
      engine.chartFrom(room, "3s");
      room.env().put("PROCROOM_CHARTING_HL7_URL", "mllps://127.0.0.1:" + tlsPort);
      room.env().put("PROCROOM_CHARTING_HL7_TLS_TRUST_STORE", trusted.trustStore().toString());
      room.env().put("PROCROOM_CHARTING_HL7_TLS_TRUST_STORE_PASSWORD_FILE", trusted.passwordFile().toString());
      room.writeConfig(Room.pcd01(mllp, ""));
      try (Gateway gateway = room.startGateway()) {
        Patients.openFromWorklist(gateway);
        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
            Duration.ofMillis(300), Duration.ZERO)) {
          if (delivered) {
            Await.until(Duration.ofSeconds(20), () -> gateway.store().deliveryCounts("hl7").join().get("delivered") >= 2,
                () -> "delivered " + gateway.store().deliveryCounts("hl7").join());
            assertTrue(engine.received().size() >= 2);
          } else {
            Await.until(Duration.ofSeconds(20), () -> chartingError(gateway).contains("TLS with the interface engine failed"),
                () -> "no TLS failure reported: " + chartingError(gateway));
            assertTrue(engine.received().size() == 0, "nothing reached the engine through an untrusted certificate");
            assertTrue(gateway.store().deliveryCounts("hl7").join().get("pending") >= 1, "the messages wait");
          }
        }
      }
    } finally {
      if (terminator != null) {
        terminator.destroy();
      }
    }
  }

  private static String chartingError(Gateway gateway) {
    try {
      java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health"))
              .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(health.body()).path("charting").path("hl7").path("lastError")
          .asText();
    } catch (Exception e) {
      return e.toString();
    }
  }

  @Test
  void withTheSitesCaTheMessagesAreDelivered() throws Exception {
    TestPki site = TestPki.authority(dir.resolve("pki"), "site");
    run(site, site.issue("engine", true), true);
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() throws Exception {
    TestPki site = TestPki.authority(dir.resolve("pki"), "site");
    TestPki rogue = TestPki.authority(dir.resolve("rogue"), "rogue");
    run(site, rogue.issue("engine", true), false);
  }
}
