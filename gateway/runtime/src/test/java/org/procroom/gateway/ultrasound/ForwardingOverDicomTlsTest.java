package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.testkit.Await;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.Orthanc;
import org.procroom.testkit.TestPki;

/**
 * An archive that speaks DICOM only over TLS (Orthanc with DicomTlsEnabled, client certificates
 * required): the gateway's certificate and the site's CA get the object there; an archive whose
 * certificate the site's CA did not sign is never sent to.
 */
class ForwardingOverDicomTlsTest {
  private static final String PATIENT = "123456789000042425";

  @TempDir Path dir;

  @Test
  void theSitesCaAndTheGatewaysCertificate() throws Exception {
    TestPki site = TestPki.authority(dir.resolve("pki"), "site");
    TestPki stranger = TestPki.authority(dir.resolve("pki-other"), "stranger");
    Path[] pacsCert = site.issue("pacs", true);
    Path[] fakeCert = stranger.issue("fake", true);
    int port = FreePort.pick();
    String sop = "1.2.826.0.1.3680043.10.1.18.1";
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         Orthanc pacs = Orthanc.startWithDicomTls(dir.resolve("pacs"), "PACS", pacsCert[0], pacsCert[1], site.caCert);
         Orthanc fake = Orthanc.startWithDicomTls(dir.resolve("fake"), "PACS", fakeCert[0], fakeCert[1], site.caCert)) {
      room.writeConfig(Room.dicomStorage(port, 0, ""));
      String tls = "{trustStore: %s, trustStorePasswordFile: %s, keyStore: %s, keyStorePasswordFile: %s}".formatted(
          site.trustStore(), site.passwordFile(), site.keyStore("procroom"), site.passwordFile());
      Files.writeString(room.configFile(), """
          charting:
            archives:
              pacs: {url: "dicom://PACS@127.0.0.1:%d", tls: %s, retryInitial: 100ms, retryMax: 500ms}
              fake: {url: "dicom://PACS@127.0.0.1:%d", tls: %s, retryInitial: 100ms, retryMax: 500ms}
          """.formatted(pacs.dicomPort(), tls, fake.dicomPort(), tls), StandardOpenOption.APPEND);
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", PATIENT, "Doe^Jane", "ACC-7", gateway.clock().now()).get();
        assertEquals(0, Dcmtk.run(dir, "storescu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
            String.valueOf(port), Dcmtk.ultrasound(dir, "one", sop, PATIENT, 1, 7).toString()).exit());
        Await.until(Duration.ofSeconds(10), () -> !stored(gateway).isEmpty(), () -> "stored");
        String file = stored(gateway).get(0).payload().path("file").asText();
        Await.until(Duration.ofSeconds(20), () -> "delivered".equals(gateway.store()
            .deliveryStates(List.of("archive.pacs"), file).join().get("archive.pacs")), () -> "not delivered over TLS");
        assertEquals("1.2.840.10008.1.2.1", pacs.transferSyntaxOf(sop));

        Thread.sleep(2000);
        assertEquals("pending", gateway.store().deliveryStates(List.of("archive.fake"), file).join().get("archive.fake"));
        assertEquals(null, fake.transferSyntaxOf(sop), "nothing goes to an archive the site's CA does not vouch for");
        String why = gateway.store().deliveries("archive.fake", "pending").join().get(0).lastError();
        assertTrue(why != null && why.startsWith("no association with archive fake"), why);
      }
    }
  }

  private static List<DeviceEvent> stored(Gateway gateway) {
    return gateway.store().events(null).join().stream().filter(e -> e.type().equals("dicom.stored")).toList();
  }
}
