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
import java.util.Set;
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

  /** What the flowsheet shows: each charted value with its state and any artefact mark standing. */
  public CompletableFuture<ObjectNode> flowsheet(String procedureId) {
    // Built off the store's writer thread: a long record is parsed where device intake never waits.
    return store.deliveriesOf(Pcd01Out.QUEUE, procedureId).thenCombineAsync(marks(procedureId), (rows, marks) -> {
      Flowsheet sheet = new Flowsheet(interval);
      for (QueuedDelivery d : rows) {
        String message = new String(d.payload(), StandardCharsets.UTF_8);
        if (message.contains("|ORU^R01")) {
          for (ChartedValues.Value v : ChartedValues.read(message)) {
            JsonNode mark = marks.get(d.key() + "|" + v.code());
            sheet.add(d, v, mark == null || mark.path("withdrawn").asBoolean() ? null : mark);
          }
        }
      }
      return sheet.json(procedureId);
    });
  }

  /**
   * Marks one held value as an artefact ({@code withdraw}: takes a mark back): {@code eventId} is
   * the message's (MSH-10), {@code code} the value's MDC reference id. Entered in the record in one
   * commit with the check that the value is charted and still held.
   */
  public CompletableFuture<DeviceEvent> markArtefact(String procedureId, String eventId, String code, String reason,
      boolean withdraw, String enteredBy, EventSource source) {
    ObjectNode entry = EventJson.MAPPER.createObjectNode().put("eventId", eventId).put("code", code)
        .put("reason", reason).put("enteredBy", enteredBy);
    if (withdraw) {
      entry.put("withdrawn", true);
    }
    return store.markHeld(procedureId, Pcd01Out.QUEUE, eventId,
        message -> ChartedValues.read(new String(message.payload(), StandardCharsets.UTF_8)).stream()
            .anyMatch(v -> v.code().equals(code)),
        "code: " + code + " is not charted in " + eventId, source, EventTypes.CHARTING_ARTEFACT, entry, clock.now());
  }

  /**
   * Releases the held messages the nurse saw ({@code seen}: their event ids, as the flowsheet showed
   * them), each without its values marked as artefacts; what arrived since stays held for the next
   * release. Entered in the record in the same commit.
   */
  public CompletableFuture<DeviceEvent> release(String procedureId, Set<String> seen, String enteredBy,
      EventSource source) {
    return store.release(procedureId, Pcd01Out.QUEUE, seen, EventTypes.CHARTING_ARTEFACT, EventTypes.CHARTING_RELEASED,
        held -> plan(held, enteredBy), source, clock.now());
  }

  private static EventStore.Release plan(List<EventStore.HeldMessage> held, String enteredBy) {
    Map<Long, byte[]> released = new LinkedHashMap<>();
    Map<Long, String> withheld = new LinkedHashMap<>();
    ArrayNode applied = EventJson.MAPPER.createArrayNode();
    for (EventStore.HeldMessage h : held) {
      Map<String, JsonNode> marks = new LinkedHashMap<>();
      h.artefacts().forEach((code, mark) -> {
        if (!mark.path("withdrawn").asBoolean()) {
          marks.put(code, mark);
        }
      });
      marks.values().forEach(m -> applied.addObject().put("eventId", m.path("eventId").asText())
          .put("code", m.path("code").asText()).put("reason", m.path("reason").asText())
          .put("enteredBy", m.path("enteredBy").asText()));
      byte[] payload = h.message().payload();
      if (marks.isEmpty()) {
        released.put(h.message().seq(), payload);
        continue;
      }
      Optional<String> rest = ChartedValues.without(new String(payload, StandardCharsets.UTF_8), marks.keySet());
      if (rest.isPresent()) {
        released.put(h.message().seq(), rest.get().getBytes(StandardCharsets.UTF_8));
      } else {
        withheld.put(h.message().seq(), "every value marked as an artefact: " + marks.values().stream()
            .map(m -> m.path("reason").asText()).distinct().collect(Collectors.joining("; ")));
      }
    }
    ObjectNode entry = EventJson.MAPPER.createObjectNode().put("messages", released.size()).put("withheld", withheld.size())
        .put("enteredBy", enteredBy);
    entry.set("artefacts", applied);
    return new EventStore.Release(released, withheld, entry);
  }

  /**
   * The record's values a nurse released, for its FHIR bundle: those of the messages released
   * (pending, delivered, refused by the engine since, or given up by an operator), as they went,
   * without the artefacts. By event and MDC code: a second channel of the same code in the same
   * event goes with the one charted.
   */
  public CompletableFuture<org.procroom.gateway.record.FhirBundle.Values> releasedValues(String procedureId) {
    return store.deliveriesOf(Pcd01Out.QUEUE, procedureId).thenApplyAsync(rows -> {
      Set<String> values = new java.util.HashSet<>();
      for (QueuedDelivery d : rows) {
        String message = new String(d.payload(), StandardCharsets.UTF_8);
        // Released: sent or to be sent, refused since, or given up later by an operator (not withheld).
        boolean released = List.of(QueuedDelivery.PENDING, QueuedDelivery.DELIVERED, QueuedDelivery.PARKED)
            .contains(d.state()) || (d.state().equals(QueuedDelivery.DROPPED) && d.lastError() != null
            && d.lastError().contains("(dropped by "));
        if (released && message.contains("|ORU^R01")) {
          ChartedValues.read(message).forEach(v -> values.add(d.key() + "|" + v.code()));
        }
      }
      return new org.procroom.gateway.record.FhirBundle.Values((eventId, code) -> values.contains(eventId + "|" + code),
          true);
    });
  }

  /** The artefact marks standing, by message and value ({@code eventId|code}); a later entry replaces one before. */
  private CompletableFuture<Map<String, JsonNode>> marks(String procedureId) {
    return store.recordEntries(procedureId, EventTypes.CHARTING_ARTEFACT).thenApply(entries -> {
      Map<String, JsonNode> marks = new HashMap<>();
      for (DeviceEvent e : entries) {
        marks.put(e.payload().path("eventId").asText() + "|" + e.payload().path("code").asText(), e.payload());
      }
      return marks;
    });
  }
}
