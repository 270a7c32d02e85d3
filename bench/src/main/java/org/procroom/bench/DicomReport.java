package org.procroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./procroom bench dicom [--quick]}: the DICOM bench's figures, printed and written to
 * docs/benchmarks-dicom.md (the quick run to bench/target).
 */
final class DicomReport {
  private DicomReport() {}

  static void run(Path repo, boolean quick, String machine) throws Exception {
    Path work = repo.resolve("bench/target/run-dicom");
    BenchMain.deleteTree(work);
    long started = System.nanoTime();
    DicomBench.Result r = new DicomBench(work).run(quick ? 4 : 12, quick ? 16 : 48);
    String md = markdown(r, quick, Duration.ofNanos(System.nanoTime() - started), machine);
    System.out.println(md);
    Path out = quick ? repo.resolve("bench/target/benchmarks-dicom-quick.md") : repo.resolve("docs/benchmarks-dicom.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md);
    System.out.println("written: " + out);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
  }

  private static String run(DicomIngestBench.Run r) {
    return f(r.objectsPerSecond()) + " / " + f(r.megabytesPerSecond());
  }

  private static String ratio(DicomIngestBench.Run ours, DicomIngestBench.Run peer) {
    return String.format(Locale.ROOT, "%.2f", ours.objectsPerSecond() / peer.objectsPerSecond());
  }

  private static void ingest(StringBuilder md, String name, Map<String, DicomIngestBench.Run> runs) {
    DicomIngestBench.Run ours = runs.get("ProcRoom");
    md.append("| ").append(name).append(" | ").append(run(ours)).append(" | Orthanc ").append(run(runs.get("Orthanc")))
        .append(" | ").append(ratio(ours, runs.get("Orthanc"))).append(" |\n")
        .append("| ").append(name).append(" | ").append(run(ours)).append(" | storescp ").append(run(runs.get("storescp")))
        .append(" | ").append(ratio(ours, runs.get("storescp"))).append(" |\n");
  }

  static String markdown(DicomBench.Result r, boolean quick, Duration took, String machine) {
    DicomIngestBench.Corpus c = r.corpus();
    StringBuilder md = new StringBuilder("# Benchmarks: DICOM ingest and forwarding to the archive\n\n");
    md.append("Produced by `./procroom bench dicom").append(quick ? " --quick" : "").append("` on ")
        .append(java.time.LocalDate.now()).append(" in ").append(took.toSeconds()).append(" s.\n\n## Machine\n\n")
        .append(machine).append("\n\n## Results\n\n")
        .append("Objects per second / MB per second; ratio = ProcRoom's objects per second / the peer's, in the same run ")
        .append("(above 1: ProcRoom is faster).\n\n")
        .append("| measure | ProcRoom | peer | ratio |\n|---|---|---|---|\n");
    ingest(md, "Ingest, 1 association", r.ingest1());
    ingest(md, "Ingest, 4 associations", r.ingest4());
    md.append("| Forwarding the backlog to an Orthanc archive (C-STORE, one association per object) | ")
        .append(run(r.forwarded())).append(" | storescu to Orthanc directly, one association ").append(run(r.direct()))
        .append(" | ").append(ratio(r.forwarded(), r.direct())).append(" |\n")
        .append("| Objects forwarded (gateway) / held by the archive (Orthanc) / stored by the gateway | ")
        .append(r.forwardedCount()).append(" / ").append(r.archivedByOrthanc()).append(" / ").append(r.storedByGateway())
        .append(" |  |  |\n")
        .append("| Gateway RSS after the run (MiB) | ").append(String.format(Locale.ROOT, "%.0f", r.rssAfterMiB()))
        .append(" |  |  |\n")
        .append("\n## How it is measured\n\n")
        .append("Two corpora, each ").append(c.cine()).append(" US multi-frame cine clips (30 frames) and ").append(c.stills())
        .append(" US still images, 512 x 512 8-bit, uncompressed (").append(String.format(Locale.ROOT, "%.1f", c.bytes() / 1e6))
        .append(" MB each). The first is sent by DCMTK `storescu` on one association, the second split over four `storescu` ")
        .append("processes at once, to DCMTK `storescp --fork`, to Orthanc (Debian's, default configuration, its own ")
        .append("storage on the same disk) and to the gateway, in that order. The gateway fsyncs each object and records ")
        .append("it before the C-STORE response; storescp does not fsync. The gateway has an archive configured ")
        .append("(`charting.archives.pacs`, a second Orthanc behind a relay that refuses connections during ingest), so ")
        .append("every object is also queued for forwarding in the commit that records it. Then the relay lets ")
        .append("connections through and the time until `/metrics` counts every object delivered gives the forwarding ")
        .append("rate; the peer is `storescu` sending the same files on one association to a third Orthanc, fresh like the ")
        .append("archive, through a relay like the archive's. The gateway forwards one object at a time, each on its own association, in the transfer syntax ")
        .append("it was received in.\n");
    return md.toString();
  }
}
