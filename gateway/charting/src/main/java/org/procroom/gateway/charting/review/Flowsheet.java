package org.procroom.gateway.charting.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.QueuedDelivery;

/**
 * The charted values as a nurse reads them: a row per device and vital sign, a column per charting
 * interval (by the value's own time), each cell the values of that interval with their state.
 */
final class Flowsheet {
  private static final DateTimeFormatter HL7_OFFSET = DateTimeFormatter.ofPattern("yyyyMMddHHmmss[.SSS][.SS][.S]Z");
  private static final DateTimeFormatter HL7_LOCAL = DateTimeFormatter.ofPattern("yyyyMMddHHmmss[.SSS][.SS][.S]");

  private record Cell(Instant column, Instant time, ChartedValues.Value value, QueuedDelivery message, JsonNode artefact) {}

  private final Duration interval;
  /** Rows by device and reference id; each the cells in time order. */
  private final Map<String, List<Cell>> rows = new TreeMap<>();
  private final TreeSet<Instant> columns = new TreeSet<>();

  Flowsheet(Duration interval) {
    this.interval = interval;
  }

  void add(QueuedDelivery message, ChartedValues.Value value, JsonNode artefact) {
    Instant time = time(value.time());
    long seconds = interval.toSeconds();
    Instant column = time == null ? null : Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), seconds) * seconds);
    if (column != null) {
      columns.add(column);
    }
    rows.computeIfAbsent(value.equipment() + "|" + value.code(), k -> new ArrayList<>())
        .add(new Cell(column, time, value, message, artefact));
  }

  ObjectNode json(String procedureId) {
    ObjectNode root = EventJson.MAPPER.createObjectNode().put("procedureId", procedureId)
        .put("intervalSeconds", interval.toSeconds());
    ArrayNode cols = root.putArray("columns");
    columns.forEach(c -> cols.add(EventJson.timestamp(c)));
    long held = 0;
    ArrayNode list = root.putArray("rows");
    for (List<Cell> cells : rows.values()) {
      ChartedValues.Value first = cells.get(0).value();
      ObjectNode row = list.addObject().put("device", first.equipment()).put("code", first.code()).put("mdc", first.mdc())
          .put("unit", first.unit());
      ArrayNode out = row.putArray("cells");
      cells.sort(java.util.Comparator.comparing(c -> c.time() == null ? Instant.EPOCH : c.time()));
      for (Cell c : cells) {
        ObjectNode cell = out.addObject().put("column", c.column() == null ? null : EventJson.timestamp(c.column()))
            .put("time", c.time() == null ? null : EventJson.timestamp(c.time())).put("value", c.value().value())
            .put("eventId", c.message().key()).put("state", c.message().state());
        if (c.artefact() != null) {
          cell.putObject("artefact").put("reason", c.artefact().path("reason").asText())
              .put("enteredBy", c.artefact().path("enteredBy").asText());
        }
        held += c.message().state().equals(QueuedDelivery.HELD) ? 1 : 0;
      }
    }
    root.put("heldValues", held);
    return root;
  }

  /** OBX-14 as PCD-01 writes it (to the second or millisecond, with an offset, or local as UTC). */
  static Instant time(String hl7) {
    if (hl7 == null || hl7.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(hl7, HL7_OFFSET).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(hl7, HL7_LOCAL).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }
}
