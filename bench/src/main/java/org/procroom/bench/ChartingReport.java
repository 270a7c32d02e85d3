package org.procroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code ./procroom bench charting [--quick] [--outage 60m]}: the charting bench's figures, printed
 * and written to docs/benchmarks-charting.md (the quick run to bench/target).
 */
final class ChartingReport {
  private ChartingReport() {}

  static void run(Path repo, boolean quick, Duration outage, String machine) throws Exception {
    Path work = repo.resolve("bench/target/run-charting");
    // From empty stores: a store left by an earlier run would resume its record and its counts.
    BenchMain.deleteTree(work);
    Duration phase = Duration.ofSeconds(quick ? 20 : 60);
    long started = System.nanoTime();
    ChartingBench.Result r = new ChartingBench(repo, work).run(phase, outage);
    String md = markdown(r, quick, phase, Duration.ofNanos(System.nanoTime() - started), machine);
    System.out.println(md);
    Path out = quick ? repo.resolve("bench/target/benchmarks-charting-quick.md") : repo.resolve("docs/benchmarks-charting.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md);
    System.out.println("written: " + out);
  }

  private static String p99(EventPathBench.Run run) {
    return String.format(Locale.ROOT, "%.2f / %.2f (n=%d, max %.1f)", run.latency().p50(), run.latency().p99(),
        run.latency().samples(), run.latency().max());
  }

  private static String ratio(EventPathBench.Run ours, EventPathBench.Run peer) {
    return String.format(Locale.ROOT, "%.2f", ours.latency().p99() / peer.latency().p99());
  }

  static String markdown(ChartingBench.Result r, boolean quick, Duration phase, Duration took, String machine) {
    StringBuilder md = new StringBuilder("# Benchmarks: charting to the interface engine\n\n");
    md.append("Produced by `./procroom bench charting").append(quick ? " --quick" : "").append(" --outage ")
        .append(r.outage().toMinutes() > 0 ? r.outage().toMinutes() + "m" : r.outage().toSeconds() + "s").append("` on ")
        .append(java.time.LocalDate.now()).append(" in ").append(took.toSeconds()).append(" s.\n\n## Machine\n\n")
        .append(machine).append("\n\n## Results\n\n")
        .append("Room load (2 scanners, 3 PCD-01 monitors, as in docs/benchmarks.md); latency from the gateway's receive ")
        .append("time to a QoS 1 subscriber of the feed, ms. The peer of each row is the same room load on a gateway that ")
        .append("charts nothing, measured in the same run; ratio = p99 / the peer's p99 (1: unaffected).\n\n")
        .append("| measure | ProcRoom | peer | ratio |\n|---|---|---|---|\n")
        .append("| Room load p50 / p99, no charting (").append(phase.toSeconds()).append(" s) | ").append(p99(r.noCharting()))
        .append(" |  |  |\n")
        .append("| Room load p50 / p99, interface engine up | ").append(p99(r.engineUp())).append(" | no charting | ")
        .append(ratio(r.engineUp(), r.noCharting())).append(" |\n")
        .append("| Room load p50 / p99, interface engine absent for ").append(r.outage().toSeconds()).append(" s | ")
        .append(p99(r.engineAbsent())).append(" | no charting | ").append(ratio(r.engineAbsent(), r.noCharting())).append(" |\n")
        .append("| Room load p50 / p99, slow engine (each ACK after ").append(ChartingBench.SLOW.toMillis())
        .append(" ms) | ").append(p99(r.engineSlow())).append(" | no charting | ").append(ratio(r.engineSlow(), r.noCharting()))
        .append(" |\n")
        .append("| Backlog at the engine's return (messages) | ").append(r.backlog()).append(" |  |  |\n")
        .append("| Engine back: first delivery / backlog drained (s; reconnectMax ").append(r.reconnectMax()).append(") | ")
        .append(String.format(Locale.ROOT, "%.1f / %.1f", r.firstDelivery().toMillis() / 1000.0, r.drained().toMillis() / 1000.0))
        .append(" |  |  |\n")
        .append("| Messages received by the engine / distinct / delivered (gateway) | ").append(r.received()).append(" / ")
        .append(r.distinct()).append(" / ").append(r.delivered()).append(" |  |  |\n")
        .append("| Sent twice (received - distinct), out of order (by MSH-10's UUIDv7 time) | ")
        .append(r.received() - r.distinct()).append(", ").append(r.outOfOrder()).append(" |  |  |\n")
        .append("\n## How it is measured\n\n")
        .append("One gateway with `charting.hl7.url` to HAPI's MLLP receiver (`interval: 1m`, `ackTimeout: 10s`, ")
        .append("`reconnectMax: ").append(r.reconnectMax()).append("`), the record opened from the worklist. Phases in order: ")
        .append("engine up; engine stopped (connections refused) for the outage while the room goes on; engine started again ")
        .append("on the same port, the time to its first message and until `/health` shows no message pending; engine ")
        .append("answering each message after ").append(ChartingBench.SLOW.toMillis()).append(" ms. Then every MSH-10 ")
        .append("the engine received is compared with what the gateway counts as delivered. A second gateway without ")
        .append("charting gives the peer figure. The engine's return waits for the gateway's next reconnect attempt, ")
        .append("which the backoff spaces up to `reconnectMax`.\n");
    return md.toString();
  }
}
