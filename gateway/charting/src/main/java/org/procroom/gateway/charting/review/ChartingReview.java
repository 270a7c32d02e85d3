package org.procroom.gateway.charting.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.charting.hl7.Pcd01Out;
import org.procroom.gateway.store.EventJson;
import org.procroom.gateway.store.EventSource;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.QueuedDelivery;

/**
 * A nurse's review of the charted values on the gateway ({@code charting.review: gateway}): the
 * procedure's PCD-01 messages, held since they were built, shown as a flowsheet; a value marked as
 * an artefact (with a reason, entered in the record) is left out of its message; a release, entered
 * in the record, sends what is held as validated results. Nothing unreleased is filed.
 */
public final class ChartingReview {
  /** {@code charting.review}: who validates the charted values before they are filed. */
  public enum Mode {
    /** The EHR: values go at once as unvalidated results (OBX-11 R). */
    EHR,
    /** A nurse on the gateway's flowsheet: values wait for the release, then go as validated (F). */
    GATEWAY
  }

  private final EventStore store;
  private final GatewayClock clock;
  private final Duration interval;

  public ChartingReview(EventStore store, GatewayClock clock, Duration interval) {
    this.store = store;
    this.clock = clock;
    this.interval = interval;
  }

  /** What the flowsheet shows: each charted value with its state and any artefact mark. */
  public CompletableFuture<ObjectNode> flowsheet(String procedureId) {
    return store.deliveriesOf(Pcd01Out.QUEUE, procedureId).thenCombine(artefacts(procedureId), (rows, marks) -> {
      Flowsheet sheet = new Flowsheet(interval);
      for (QueuedDelivery d : rows) {
        String message = new String(d.payload(), StandardCharsets.UTF_8);
        if (message.contains("|ORU^R01")) {
          for (ChartedValues.Value v : ChartedValues.read(message)) {
            sheet.add(d, v, marks.get(d.key() + "|" + v.code()));
          }
        }
      }
      return sheet.json(procedureId);
    });
  }

  /**
   * Marks one held value as an artefact: {@code eventId} is the message's (MSH-10), {@code code}
   * the value's MDC reference id. Fails with the reason when there is no such held value.
   */
  public CompletableFuture<DeviceEvent> markArtefact(String procedureId, String eventId, String code, String reason,
      String enteredBy, EventSource source) {
    return store.deliveriesOf(Pcd01Out.QUEUE, procedureId).thenCompose(rows -> {
      Optional<QueuedDelivery> message = rows.stream().filter(d -> d.key().equals(eventId)).findFirst();
      if (message.isEmpty()) {
        return CompletableFuture.failedFuture(new IllegalArgumentException("eventId: no charted message " + eventId
            + " in this procedure"));
      }
      if (!message.get().state().equals(QueuedDelivery.HELD)) {
        return CompletableFuture.failedFuture(new IllegalStateException("message " + eventId + " is "
            + message.get().state() + ": only values not yet released can be marked"));
      }
      boolean charted = ChartedValues.read(new String(message.get().payload(), StandardCharsets.UTF_8)).stream()
          .anyMatch(v -> v.code().equals(code));
      if (!charted) {
        return CompletableFuture.failedFuture(new IllegalArgumentException("code: " + code + " is not charted in "
            + eventId));
      }
      ObjectNode entry = EventJson.MAPPER.createObjectNode().put("eventId", eventId).put("code", code)
          .put("reason", reason).put("enteredBy", enteredBy);
      return store.appendToRecord(procedureId, source, EventTypes.CHARTING_ARTEFACT, entry, clock.now());
    });
  }

  /** Releases every held message of the procedure, without its artefacts; entered in the record. */
  public CompletableFuture<DeviceEvent> release(String procedureId, String enteredBy, EventSource source) {
    return store.deliveriesOf(Pcd01Out.QUEUE, procedureId).thenCombine(artefacts(procedureId), Held::new)
        .thenCompose(held -> {
          List<QueuedDelivery> waiting = held.rows().stream().filter(d -> d.state().equals(QueuedDelivery.HELD)).toList();
          if (waiting.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("nothing charted waits for a release"));
          }
          Map<Long, byte[]> released = new LinkedHashMap<>();
          Map<Long, String> withheld = new LinkedHashMap<>();
          ArrayNode marked = EventJson.MAPPER.createArrayNode();
          for (QueuedDelivery d : waiting) {
            Map<String, JsonNode> mine = held.marks().entrySet().stream()
                .filter(m -> m.getKey().startsWith(d.key() + "|"))
                .collect(Collectors.toMap(m -> m.getKey().substring(d.key().length() + 1), Map.Entry::getValue));
            mine.values().forEach(marked::add);
            if (mine.isEmpty()) {
              released.put(d.seq(), d.payload());
              continue;
            }
            Optional<String> rest = ChartedValues.without(new String(d.payload(), StandardCharsets.UTF_8), mine.keySet());
            if (rest.isPresent()) {
              released.put(d.seq(), rest.get().getBytes(StandardCharsets.UTF_8));
            } else {
              withheld.put(d.seq(), "every value marked as an artefact: " + mine.values().stream()
                  .map(m -> m.path("reason").asText()).distinct().collect(Collectors.joining("; ")));
            }
          }
          ObjectNode entry = EventJson.MAPPER.createObjectNode().put("messages", released.size())
              .put("withheld", withheld.size()).put("enteredBy", enteredBy);
          entry.set("artefacts", marked);
          return store.release(procedureId, released, withheld, source, entry, clock.now());
        });
  }

  private record Held(List<QueuedDelivery> rows, Map<String, JsonNode> marks) {}

  /** The record's artefact marks, by message and value ({@code eventId|code}); a later mark replaces one before. */
  private CompletableFuture<Map<String, JsonNode>> artefacts(String procedureId) {
    return store.events(procedureId).thenApply(events -> {
      Map<String, JsonNode> marks = new HashMap<>();
      for (DeviceEvent e : events) {
        if (e.type().equals(EventTypes.CHARTING_ARTEFACT)) {
          marks.put(e.payload().path("eventId").asText() + "|" + e.payload().path("code").asText(), e.payload());
        }
      }
      return marks;
    });
  }
}
