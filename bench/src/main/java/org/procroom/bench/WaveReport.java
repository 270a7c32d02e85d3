package org.procroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code ./procroom bench waves [--quick] [--duration 30m]}: the waveform bench's figures, printed
 * and written to docs/benchmarks-waves.md (the quick run to bench/target).
 */
final class WaveReport {
  private WaveReport() {}

  static void run(Path repo, boolean quick, Duration length, String machine) throws Exception {
    Path work = repo.resolve("bench/target/run-waves");
    BenchMain.deleteTree(work);
    Duration peer = Duration.ofSeconds(Math.min(length.toSeconds(), quick ? 30 : 180));
    long started = System.nanoTime();
    WaveBench.Result r = new WaveBench(repo, work).run(length, peer);
    String md = markdown(r, quick, peer, Duration.ofNanos(System.nanoTime() - started), machine);
    System.out.println(md);
    Path out = quick ? repo.resolve("bench/target/benchmarks-waves-quick.md") : repo.resolve("docs/benchmarks-waves.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md);
    System.out.println("written: " + out);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String latency(EventPathBench.Run run) {
    return String.format(Locale.ROOT, "%.2f / %.2f (n=%d, max %.1f)", run.latency().p50(), run.latency().p99(),
        run.latency().samples(), run.latency().max());
  }

  static String markdown(WaveBench.Result r, boolean quick, Duration peer, Duration took, String machine) {
    long sent = r.sent().values().stream().mapToLong(Long::longValue).sum();
    long stored = r.stored().values().stream().mapToLong(Long::longValue).sum();
    double hours = r.length().toMillis() / 3_600_000.0;
    StringBuilder md = new StringBuilder("# Benchmarks: waveforms\n\n");
    md.append("Produced by `./procroom bench waves").append(quick ? " --quick" : "").append(" --duration ")
        .append(r.length().toMinutes() > 0 ? r.length().toMinutes() + "m" : r.length().toSeconds() + "s").append("` on ")
        .append(java.time.LocalDate.now()).append(" in ").append(took.toSeconds()).append(" s.\n\n## Machine\n\n")
        .append(machine).append("\n\n## Results\n\n")
        .append("Three IntelliVue simulators over UDP, each with ECG I, II and III at 500 Hz, pleth at 125 Hz, respiration ")
        .append("and CO2 at 62.5 Hz (1,750 samples a second each), beside the room load of docs/benchmarks.md (2 scanners, ")
        .append("3 PCD-01 monitors, their events to a QoS 1 subscriber). The peer is the same room with the three monitors' ")
        .append("waves off (`waves: false`: their numerics only), measured in the same run for ").append(peer.toSeconds())
        .append(" s; ratio = ours / the peer's (a shorter window holds more of the start-up work: hold our figures ")
        .append("against the targets).\n\n")
        .append("| measure | ProcRoom with waves | peer: waves off | ratio |\n|---|---|---|---|\n")
        .append("| Gateway CPU (% of one core; target <= 15) | ").append(f(r.withWaves().cpuPercentOfACore())).append(" | ")
        .append(f(r.numericsOnly().cpuPercentOfACore())).append(" | ")
        .append(String.format(Locale.ROOT, "%.2f", r.withWaves().cpuPercentOfACore() / r.numericsOnly().cpuPercentOfACore()))
        .append(" |\n")
        .append("| RSS max (MiB; target < 256) | ").append(f(r.withWaves().maxRssMiB())).append(" | ")
        .append(f(r.numericsOnly().maxRssMiB())).append(" | ")
        .append(String.format(Locale.ROOT, "%.2f", r.withWaves().maxRssMiB() / r.numericsOnly().maxRssMiB())).append(" |\n")
        .append("| RSS at the start / the end of the run (MiB) | ").append(f(r.withWaves().firstRssMiB())).append(" / ")
        .append(f(r.withWaves().lastRssMiB())).append(" | ").append(f(r.numericsOnly().firstRssMiB())).append(" / ")
        .append(f(r.numericsOnly().lastRssMiB())).append(" |  |\n")
        .append("| Room load p50 / p99 (ms; target p99 < 20) | ").append(latency(r.withWaves().roomLoad())).append(" | ")
        .append(latency(r.numericsOnly().roomLoad())).append(" | ")
        .append(String.format(Locale.ROOT, "%.2f", r.withWaves().roomLoad().latency().p99() / r.numericsOnly().roomLoad().latency().p99()))
        .append(" (p99) |\n")
        .append("| Samples sent by the monitors / stored | ").append(sent).append(" / ").append(stored).append(" |  |  |\n")
        .append("| Lost (sent - stored), gaps stated, unstated jumps, duplicates | ").append(sent - stored).append(", ")
        .append(r.gapsStated()).append(", ").append(r.unstatedJumps()).append(", ").append(r.duplicates()).append(" |  |  |\n")
        .append("| Wave store: rows, bytes, per hour (MB), bytes per sample | ").append(r.rows()).append(", ")
        .append(r.databaseBytes()).append(", ").append(f(r.databaseBytes() / hours / 1e6)).append(", ")
        .append(String.format(Locale.ROOT, "%.2f", (double) r.databaseBytes() / Math.max(1, stored)))
        .append(" | raw 16-bit: 2.00 bytes per sample | ")
        .append(String.format(Locale.ROOT, "%.2f", (double) r.databaseBytes() / Math.max(1, stored) / 2)).append(" |\n")
        .append("| Slow live subscriber (20 ms a message): messages it got | ").append(r.slowSubscriberReceived())
        .append(" |  |  |\n")
        .append("\nPer channel, sent / stored:\n\n| channel | sent | stored |\n|---|---|---|\n");
    r.sent().forEach((channel, n) -> md.append("| ").append(channel).append(" | ").append(n).append(" | ")
        .append(r.stored().getOrDefault(channel, 0L)).append(" |\n"));
    md.append("\n`/health` at the end (waves):\n\n```\n").append(r.health()).append("\n```\n")
        .append("\n## How it is measured\n\n")
        .append("Each phase starts its own gateway process (-Xmx320m, as installed) on empty stores, opens a procedure, ")
        .append("warms up with a 5 s burst from the PCD-01 monitors (as docs/benchmarks.md does) and runs the room load for ")
        .append("the phase's length while the monitors send. CPU is the gateway's user + system time ")
        .append("from /proc over the same window; RSS is sampled every 250 ms. After the monitors stop, the wave store ")
        .append("(`waves.db`) is read with SQLite: per channel, the rows in sequence order must run on without a jump ")
        .append("(each row's first sample is the last one's end, unless it states a gap); stored samples are compared with ")
        .append("what each simulator sent (whole poll results, 256 ms of each channel). Duplicates are the wave store's ")
        .append("own count of repeated samples it cut. A live-wave subscriber that spends 20 ms on each message and a ")
        .append("dashboard screen that opens `/api/dashboard/waves` and never reads stay connected the whole run: the ")
        .append("broker drops what the subscriber cannot take, the gateway skips segments for the screen (at most 256 KiB ")
        .append("queued), so neither grows the gateway's memory (RSS at the start and end above). Storage per hour is the ")
        .append("database's size over the run's length.\n");
    return md.toString();
  }
}
