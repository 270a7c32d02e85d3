package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/** DICOM TLS against DCMTK storescu (OpenSSL, BCP 195 profile): verified TLS works, plain TCP and untrusted fail. */
class DicomTlsTest {
  @TempDir Path dir;

  @Test
  void storesOverTlsAndRefusesPlainOrUntrustedPeers() throws Exception {
    Path keyStore = dir.resolve("scp.p12");
    Path certificate = dir.resolve("scp.pem");
    Path password = Files.writeString(dir.resolve("scp.pass"), "changeit-7\n");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    assertEquals(0, Dcmtk.run(dir, keytool, "-genkeypair", "-alias", "scp", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keyStore.toString(), "-storepass", "changeit-7", "-keypass", "changeit-7").exit());
    assertEquals(0, Dcmtk.run(dir, keytool, "-exportcert", "-rfc", "-alias", "scp", "-keystore", keyStore.toString(),
        "-storepass", "changeit-7", "-file", certificate.toString()).exit());
    int port = FreePort.pick();
    int tlsPort = FreePort.pick();
    Path image = Dcmtk.ultrasound(dir, "img", "1.2.826.0.1.3680043.10.1.1.1.51", "P1", 1, 0);
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.dicomStorage(port, 0, """
            tls:
              port: %d
              keyStore: %s
              keyStorePasswordFile: %s
            """.formatted(tlsPort, keyStore, password)));
      try (Gateway gateway = room.startGateway()) {
        Dcmtk.Result secure = Dcmtk.run(dir, "storescu", "+tla", "+cf", certificate.toString(), "-aet", "US01", "-aec",
            "PROCROOM", "127.0.0.1", String.valueOf(tlsPort), image.toString());
        assertEquals(0, secure.exit(), secure.output());
        Dcmtk.Result plain = Dcmtk.run(dir, "storescu", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
            String.valueOf(tlsPort), image.toString());
        assertNotEquals(0, plain.exit(), "plain TCP on the TLS port must fail");
        Dcmtk.Result untrusted = Dcmtk.run(dir, "storescu", "+tla", "-aet", "US01", "-aec", "PROCROOM", "127.0.0.1",
            String.valueOf(tlsPort), image.toString());
        assertNotEquals(0, untrusted.exit(), "a client that does not trust our certificate must not go on");
        assertEquals(1, gateway.store().events(null).join().stream()
            .filter(e -> e.type().equals("dicom.stored")).count(), "only the verified TLS store is recorded");
      }
    }
  }
}
