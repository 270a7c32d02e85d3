package org.procroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.Orthanc;
import org.procroom.testkit.TcpRelay;

/**
 * {@code ./procroom bench dicom}: DICOM ingest of one corpus by the gateway beside Orthanc and
 * DCMTK's storescp, on one association and on four; then forwarding: the gateway's backlog of
 * those objects drained to an Orthanc archive, beside storescu sending the same files to another
 * Orthanc directly; both through the same kind of loopback relay. Every peer runs in the same run, on the same machine and disk.
 */
final class DicomBench {
  /** What one run measured. */
  record Result(DicomIngestBench.Corpus corpus, Map<String, DicomIngestBench.Run> ingest1,
      Map<String, DicomIngestBench.Run> ingest4, DicomIngestBench.Run forwarded, DicomIngestBench.Run direct,
      long forwardedCount, long archivedByOrthanc, long storedByGateway, double rssAfterMiB) {}

  private final Path work;

  DicomBench(Path work) {
    this.work = work;
  }

  Result run(int cine, int stills) throws Exception {
    Files.createDirectories(work);
    DicomIngestBench.Corpus one = DicomIngestBench.corpus(work.resolve("corpus-1"), cine, stills, 30);
    DicomIngestBench.Corpus four = DicomIngestBench.corpus(work.resolve("corpus-4"), cine, stills, 30);
    int storescpPort = FreePort.pick();
    int dicomPort = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("broker"));
         Orthanc ingestPeer = Orthanc.start(work.resolve("orthanc-ingest"), "PROCROOM", Map.of());
         Orthanc archive = Orthanc.start(work.resolve("orthanc-archive"), "PACS", Map.of());
         Orthanc direct = Orthanc.start(work.resolve("orthanc-direct"), "PACS", Map.of());
         TcpRelay network = new TcpRelay(archive.dicomPort());
         TcpRelay directNetwork = new TcpRelay(direct.dicomPort())) {
      network.refuse(true); // the archive waits: ingest is measured alone, forwarding after it from the backlog
      Process storescp = DicomIngestBench.storescp(work.resolve("storescp"), storescpPort, work.resolve("storescp.log"));
      Path dir = work.resolve("gateway");
      try (GatewayProcess gateway = GatewayProcess.start(dir, config(dir.resolve("data"), broker.url(), dicomPort,
          network.port()), EventPathBench.env(), FreePort.pick())) {
        gateway.post("/api/procedures", "{\"procedureType\":\"TPI\",\"patientRef\":\"" + EventPathBench.PATIENT + "\"}");
        Map<String, DicomIngestBench.Run> ingest1 = new java.util.LinkedHashMap<>();
        ingest1.put("storescp", DicomIngestBench.send(one, storescpPort, 1, work));
        ingest1.put("Orthanc", DicomIngestBench.send(one, ingestPeer.dicomPort(), 1, work));
        ingest1.put("ProcRoom", DicomIngestBench.send(one, dicomPort, 1, work));
        Map<String, DicomIngestBench.Run> ingest4 = new java.util.LinkedHashMap<>();
        ingest4.put("storescp", DicomIngestBench.send(four, storescpPort, 4, work));
        ingest4.put("Orthanc", DicomIngestBench.send(four, ingestPeer.dicomPort(), 4, work));
        ingest4.put("ProcRoom", DicomIngestBench.send(four, dicomPort, 4, work));
        storescp.destroy();
        storescp.waitFor();

        long total = one.files().size() + four.files().size();
        await(() -> delivery(gateway, "pending") == total, Duration.ofSeconds(60), "the backlog queued");
        long started = System.nanoTime();
        network.refuse(false);
        await(() -> delivery(gateway, "delivered") == total, Duration.ofMinutes(20), "the backlog forwarded");
        double seconds = (System.nanoTime() - started) / 1e9;
        DicomIngestBench.Run forwarded = new DicomIngestBench.Run(total / seconds,
            (one.bytes() + four.bytes()) / 1e6 / seconds);
        DicomIngestBench.Corpus both = new DicomIngestBench.Corpus(
            java.util.stream.Stream.concat(one.files().stream(), four.files().stream()).toList(),
            one.bytes() + four.bytes(), one.cine() + four.cine(), one.stills() + four.stills());
        DicomIngestBench.Run straight = DicomIngestBench.send(both, directNetwork.port(), 1, work, "PACS");
        return new Result(one, ingest1, ingest4, forwarded, straight, delivery(gateway, "delivered"),
            archive.get("/statistics").path("CountInstances").asLong(),
            DicomIngestBench.filesBelow(dir.resolve("data/dicom")), gateway.rssMiB());
      }
    }
  }

  /** The gateway's count of archive messages in {@code state}, from /metrics. */
  private static long delivery(GatewayProcess gateway, String state) {
    try {
      String wanted = "procroom_delivery_messages{queue=\"archive.pacs\",state=\"" + state + "\"} ";
      for (String line : gateway.get("/metrics").body().split("\n")) {
        if (line.startsWith(wanted)) {
          return Long.parseLong(line.substring(wanted.length()).trim());
        }
      }
      return 0;
    } catch (Exception e) {
      return -1;
    }
  }

  private static void await(java.util.function.BooleanSupplier done, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": not within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  private String config(Path dataDir, String brokerUrl, int dicomPort, int archivePort) {
    return """
        room: bench-room
        data: {dir: %s}
        http: {host: 127.0.0.1}
        mqtt: {url: "%s"}
        charting:
          archives:
            pacs: {url: "dicom://PACS@127.0.0.1:%d", retryInitial: 100ms, retryMax: 500ms}
        drivers:
          ultrasound:
            type: dicom-storage
            bindAddress: 127.0.0.1
            port: %d
            mppsPort: 0
            aeTitle: PROCROOM
            allowedCallers: US01@127.0.0.1
            maxAssociations: 8
        """.formatted(dataDir, brokerUrl, archivePort, dicomPort);
  }
}
