package org.procroom.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.time.ZoneId;
import java.util.Optional;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.record.EventSummary;
import org.procroom.gateway.record.report.ClinicalReport;
import org.procroom.gateway.record.report.ReportPdf;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.Procedure;
import org.procroom.gateway.store.StoreReader;

/**
 * {@code procroom record show|export}: a procedure's record from the store, read-only, whether or
 * not a gateway is running (SQLite WAL lets a reader in beside the writer).
 */
final class RecordCommand {
  private RecordCommand() {}

  static int run(Options options, Path home, PrintStream out) {
    List<String> args = options.positional();
    if (args.isEmpty() || !(args.get(0).equals("show") || args.get(0).equals("export"))) {
      throw new Main.UsageException("usage: procroom record show|export ID|--latest [--format json|html|pdf|fhir] [--time-zone ZONE] [--paper a4|letter] [--data-dir DIR]");
    }
    // With --data-dir the configuration is not needed; without it, it names the store and the room's time zone.
    org.procroom.gateway.config.GatewayConfig config = options.value("--data-dir", null) != null ? null
        : RunCommand.load(RunCommand.configFile(options, home), home);
    Path dataDir = config == null ? Path.of(options.value("--data-dir", null)) : config.dataDir();
    ZoneId roomZone = config == null ? ZoneId.systemDefault() : config.timeZone();
    Path db = dataDir.resolve("procroom.db");
    if (!Files.exists(db)) {
      throw new Main.UsageException("no record store at " + db + " (set PROCROOM_DATA_DIR or --data-dir)");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro")) {
      Optional<Procedure> procedure = options.flag("--latest") ? StoreReader.latestProcedure(c)
          : args.size() > 1 ? StoreReader.procedure(c, args.get(1)) : Optional.empty();
      if (procedure.isEmpty()) {
        throw new Main.UsageException(options.flag("--latest") ? "no procedure in " + db
            : "name a procedure id or --latest");
      }
      List<DeviceEvent> events = StoreReader.events(c, procedure.get().id());
      if (args.get(0).equals("show")) {
        show(procedure.get(), events, out);
        return 0;
      }
      ZoneId zone = ZoneId.of(options.value("--time-zone", roomZone.getId()));
      List<org.procroom.gateway.waves.StoredWave> strips = waveStrips(dataDir, config, events);
      switch (options.value("--format", "json")) {
        case "json" -> out.println(json(procedure.get(), events).toPrettyString());
        case "html" -> out.print(ClinicalReport.xhtml(procedure.get(), events, zone, dataDir, strips));
        case "pdf" -> {
          out.writeBytes(pdf(procedure.get(), events, zone, dataDir, strips, options));
          out.flush();
        }
        // As the chart gets it: the closed record with its report as printed.
        case "fhir" -> out.println(org.procroom.gateway.record.FhirBundle.json(procedure.get(), events,
            org.procroom.gateway.record.FhirBundle.PATIENT_IDS, org.procroom.gateway.record.FhirBundle.Values.UNVALIDATED,
            procedure.get().closedAt() == null ? null : pdf(procedure.get(), events, zone, dataDir, strips, options),
            strips));
        default -> throw new Main.UsageException("--format must be json, html, pdf or fhir");
      }
      return 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + db + ": " + e.getMessage(), e);
    }
  }

  /** The record's waveform windows from the box's wave store, as the chart got them (none where no store is). */
  private static List<org.procroom.gateway.waves.StoredWave> waveStrips(Path dataDir,
      org.procroom.gateway.config.GatewayConfig config, List<DeviceEvent> events) {
    Path file = dataDir.resolve("waves.db");
    if (!Files.exists(file)) {
      return List.of();
    }
    org.procroom.gateway.waves.WaveWindows windows = config == null ? org.procroom.gateway.waves.WaveWindows.DEFAULT
        : config.waveWindows();
    try (org.procroom.gateway.waves.WaveStore store = org.procroom.gateway.waves.WaveStore.open(file, 1)) {
      return org.procroom.gateway.waves.WaveStrips.ofRecord(store, windows.of(events), events);
    }
  }

  private static void show(Procedure p, List<DeviceEvent> events, PrintStream out) {
    out.printf("Procedure %s (%s), %s, phase %s%n", p.id(), p.procedureType(), p.state(), p.phase());
    out.printf("Opened %s%s; %d events%n%n", EventJson.timestamp(p.openedAt()),
        p.closedAt() == null ? "" : ", closed " + EventJson.timestamp(p.closedAt()), events.size());
    for (DeviceEvent e : events) {
      JsonNode tree = EventJson.toTree(e);
      out.printf("  %-26s  #%-4d %-11s %-18s %s%n", tree.path("receivedAt").asText(), e.recordSeq(), e.deviceId(),
          e.type(), EventSummary.of(tree));
    }
  }

  static ObjectNode json(Procedure p, List<DeviceEvent> events) {
    ObjectNode root = EventJson.MAPPER.createObjectNode();
    root.putObject("procedure").put("id", p.id()).put("room", p.room()).put("procedureType", p.procedureType())
        .put("patientRef", p.patientRef()).put("patientName", p.patientName()).put("accessionNumber", p.accessionNumber())
        .put("state", p.state().name()).put("phase", p.phase()).put("openedAt", EventJson.timestamp(p.openedAt()))
        .put("closedAt", p.closedAt() == null ? null : EventJson.timestamp(p.closedAt()));
    ArrayNode list = root.putArray("events");
    events.forEach(e -> list.add(EventJson.toTree(e)));
    return root;
  }

  private static byte[] pdf(org.procroom.gateway.store.Procedure p, java.util.List<org.procroom.gateway.api.DeviceEvent> events,
      ZoneId zone, Path dataDir, List<org.procroom.gateway.waves.StoredWave> strips, Options options) {
    return ReportPdf.pdf(ClinicalReport.xhtml(p, events, zone, dataDir, strips),
        options.value("--paper", "a4").equals("letter") ? ReportPdf.Paper.LETTER : ReportPdf.Paper.A4);
  }
}
