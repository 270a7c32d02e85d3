package org.procroom.gateway.vitals;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.TestPki;

/**
 * MLLP over TLS with client certificates, against OpenSSL's {@code s_client} as the monitor: a
 * monitor with a certificate from the site's authority gets its ORU acknowledged; one without a
 * certificate, or with one from another authority, gets nothing recorded.
 */
class MllpOverTlsWithClientCertificatesTest {
  @TempDir Path dir;

  private static final String ORU = "\u000bMSH|^~\\&|MONT^0012345678ABCDEF^EUI-64|OR|||20261125103000+0000||ORU^R01^ORU_R01|"
      + "TLS1|P|2.6\rOBR|1|||182777000^monitoring of patient^SCT|||20261125103000+0000\r"
      + "OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.4.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||F\r\u001c\r";

  private String sClient(int port, TestPki ca, Path[] clientCert) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-quiet", "-connect", "127.0.0.1:" + port,
        "-CAfile", ca.caCert.toString()));
    if (clientCert != null) {
      command.addAll(List.of("-cert", clientCert[0].toString(), "-key", clientCert[1].toString()));
    }
    Path in = Files.writeString(dir.resolve("oru.bin"), ORU, StandardCharsets.ISO_8859_1);
    Path out = dir.resolve("s_client.out");
    Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    // s_client keeps the connection open after stdin ends; the ACK arrives well within this.
    if (!p.waitFor(4, TimeUnit.SECONDS)) {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    return Files.readString(out, StandardCharsets.ISO_8859_1);
  }

  @Test
  void onlyMonitorsWithTheSitesCertificatesAreHeard() throws Exception {
    TestPki site = TestPki.authority(dir.resolve("pki"), "site");
    Path serverKeys = site.serverKeyStore("gateway-mllp");
    Path trust = site.trustStore();
    Path password = site.passwordFile();
    Path[] monitor = site.issue("monitor-3", false);
    Path[] rogue = TestPki.authority(dir.resolve("rogue"), "rogue").issue("monitor-3", false);
    int port = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.pcd01(port, """
            tls:
              keyStore: %s
              keyStorePasswordFile: %s
              trustStore: %s
              trustStorePasswordFile: %s
              requireClientCertificate: true
            """.formatted(serverKeys, password, trust, password)));
      try (Gateway gateway = room.startGateway()) {
        String trusted = sClient(port, site, monitor);
        assertTrue(trusted.contains("MSA|AA|TLS1"), trusted);
        assertFalse(sClient(port, site, null).contains("MSA|"), "no certificate, no acknowledgement");
        assertFalse(sClient(port, site, rogue).contains("MSA|"), "another authority's certificate is refused");
        assertTrue(gateway.store().events(null).join().stream()
            .filter(e -> e.type().equals("vitals.observation")).count() == 1, "only the trusted monitor recorded");
      }
    }
  }
}
