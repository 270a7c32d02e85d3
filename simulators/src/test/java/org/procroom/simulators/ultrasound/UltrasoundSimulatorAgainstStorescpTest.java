package org.procroom.simulators.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.testkit.FreePort;

/** The simulated ultrasound stores to DCMTK storescp, an independent receiver; dcmdump reads what arrived. */
class UltrasoundSimulatorAgainstStorescpTest {
  @TempDir Path dir;

  @Test
  void imagesAndCineArriveAsValidUltrasoundObjects() throws Exception {
    int port = FreePort.pick();
    Path received = Files.createDirectories(dir.resolve("received"));
    Process storescp = new ProcessBuilder("storescp", "+xa", "-aet", "PACS", "-od", received.toString(), String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(dir.resolve("storescp.log").toFile()).start();
    try {
      FreePort.awaitListening(port, Duration.ofSeconds(10));
      UltrasoundSimulator us = new UltrasoundSimulator("127.0.0.1", port, "PACS", "US01", dir.resolve("work"),
          Duration.ofSeconds(120));
      String still = us.store("PAT-1", "ACC-1", "1.2.826.0.1.3680043.10.99.5", 1, false);
      String cine = us.store("PAT-1", "ACC-1", "1.2.826.0.1.3680043.10.99.5", 8, true);
      List<Path> files;
      try (Stream<Path> s = Files.list(received)) {
        files = s.sorted().toList();
      }
      assertEquals(2, files.size(), "both objects stored: " + files);
      String dump = dump(files);
      assertTrue(dump.contains("=UltrasoundImageStorage"), dump);
      assertTrue(dump.contains("=UltrasoundMultiframeImageStorage"), dump);
      assertTrue(dump.contains(still) && dump.contains(cine), dump);
      assertTrue(dump.contains("(0028,0008) IS [8]"), "8 frames: " + dump);
      assertTrue(dump.contains("=JPEGBaseline"), "the cine in JPEG baseline: " + dump);
      assertTrue(dump.contains("=LittleEndianExplicit"), "the still uncompressed: " + dump);
      assertTrue(dump.contains("(0008,002a) DT"), "acquisition date-time present");
    } finally {
      storescp.destroy();
      storescp.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private String dump(List<Path> files) throws Exception {
    StringBuilder all = new StringBuilder();
    for (Path f : files) {
      Path dumpLog = Files.createTempFile(dir, "dump", ".txt");
      Process p = new ProcessBuilder("dcmdump", f.toString()).redirectErrorStream(true)
          .redirectOutput(dumpLog.toFile()).start();
      p.waitFor(20, TimeUnit.SECONDS);
      all.append(Files.readString(dumpLog));
    }
    return all.toString();
  }
}
