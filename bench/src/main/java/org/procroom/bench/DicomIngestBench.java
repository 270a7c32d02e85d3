package org.procroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.procroom.simulators.ultrasound.UltrasoundSimulator;
import org.procroom.testkit.FreePort;

/**
 * The same corpus of ultrasound cine clips and still images sent by DCMTK's storescu to the
 * gateway and to DCMTK's storescp, on one association and on several at once.
 */
final class DicomIngestBench {
  /** Objects per second and megabytes per second for one way of sending the corpus. */
  record Run(double objectsPerSecond, double megabytesPerSecond) {}

  /** The corpus and its size. */
  record Corpus(List<Path> files, long bytes, int cine, int stills) {}

  private DicomIngestBench() {}

  /** Cine clips of {@code frames} frames and stills, 512 x 512, uncompressed, as a scanner exports them. */
  static Corpus corpus(Path dir, int cine, int stills, int frames) throws Exception {
    Files.createDirectories(dir);
    UltrasoundSimulator scanner = new UltrasoundSimulator("127.0.0.1", 0, "PROCROOM", "US01", dir, Duration.ZERO);
    String study = "2.25.1234567890123456789";
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < cine + stills; i++) {
      files.add(scanner.write(dir.resolve("obj-" + i + ".dcm"), EventPathBench.PATIENT, "ACC-1", study,
          i < cine ? frames : 1, false, 512).file());
    }
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    return new Corpus(files, bytes, cine, stills);
  }

  /** Sends the corpus with {@code associations} storescu processes in parallel, each a share of the files. */
  static Run send(Corpus corpus, int port, int associations, Path logDir) throws Exception {
    return send(corpus, port, associations, logDir, "PROCROOM");
  }

  /** As {@link #send(Corpus, int, int, Path)}, to the called AE title {@code calledAe}. */
  static Run send(Corpus corpus, int port, int associations, Path logDir, String calledAe) throws Exception {
    List<Process> senders = new ArrayList<>();
    long started = System.nanoTime();
    for (int a = 0; a < associations; a++) {
      List<String> command = new ArrayList<>(List.of("storescu", "-aet", "US01", "-aec", calledAe, "127.0.0.1",
          String.valueOf(port)));
      for (int i = a; i < corpus.files().size(); i += associations) {
        command.add(corpus.files().get(i).toString());
      }
      senders.add(new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(logDir.resolve("storescu-" + port + "-" + a + ".log").toFile()).start());
    }
    for (Process p : senders) {
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("storescu failed (exit " + p.exitValue() + "), see " + logDir);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Run(corpus.files().size() / seconds, corpus.bytes() / 1e6 / seconds);
  }

  /** DCMTK's storescp writing every object to {@code dir}, one process per association (--fork). */
  static Process storescp(Path dir, int port, Path log) throws Exception {
    Files.createDirectories(dir);
    Process p = new ProcessBuilder("storescp", "--fork", "-aet", "PROCROOM", "-od", dir.toString(), String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    FreePort.awaitListening(port, Duration.ofSeconds(10));
    return p;
  }

  static long filesBelow(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".dcm") || f.getFileName().toString().startsWith("US")).count();
    }
  }
}
