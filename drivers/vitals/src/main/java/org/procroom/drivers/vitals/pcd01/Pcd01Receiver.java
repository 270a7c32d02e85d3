package org.procroom.drivers.vitals.pcd01;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.EventDraft;

/**
 * The receiving application: one ORU^R01 in, its acknowledgement out, sent only once every event
 * it produced is committed. AA for what was taken (also a message kept in quarantine or outside
 * the record: the monitor must not resend it); AR for what is not HL7 or not an ORU^R01, or comes
 * from a device that is not allowed; AE when the gateway could not store it.
 */
final class Pcd01Receiver {
  /** What came of one message: the acknowledgement and, when it was not taken, why. */
  record Answer(String ack, String refusal) {}

  /** One parser per connection thread: HAPI's parser is not made for concurrent use (two monitors at once). */
  private final ThreadLocal<Pcd01Parser> parser;
  private final Pcd01Reading reading;
  private final VitalsEvents events;
  private final PatientCheck patients;
  private final Set<String> allowedDevices;
  private final AtomicLong ackIds = new AtomicLong();
  private final Pcd01WaveStreams waves = new Pcd01WaveStreams();

  Pcd01Receiver(java.util.function.Supplier<Pcd01Parser> parsers, Pcd01Reading reading, VitalsEvents events,
      PatientCheck patients, List<String> allowedDevices) {
    this.parser = ThreadLocal.withInitial(parsers);
    this.reading = reading;
    this.events = events;
    this.patients = patients;
    this.allowedDevices = Set.copyOf(allowedDevices);
  }

  Answer answer(String message, DriverContext context) {
    Instant receivedAt = context.clock().now();
    Pcd01Parser.Result result = parser.get().parse(message);
    if (result.message() == null) {
      return new Answer(ack(message, result.refusal(), result.error(), result.location(), result.reason()),
          result.reason());
    }
    ObservationSet set = reading.read(result.message());
    if (!allowedDevices.isEmpty() && !allowed(set)) {
      String reason = "sender " + describe(set.sender()) + " is not one of the allowed devices";
      return new Answer(ack(message, Hl7Ack.Code.AR, Hl7Ack.Error.INTERNAL, "MSH^1^3", reason), reason);
    }
    Optional<String> wrongPatient = patients.mismatch(set, context.procedure());
    List<EventDraft> drafts = new ArrayList<>();
    drafts.add(events.observation(set, receivedAt, wrongPatient.orElse(null)));
    EventDraft alarms = events.alarms(set, receivedAt, wrongPatient.isPresent());
    if (alarms != null) {
      drafts.add(alarms);
    }
    try {
      List<CompletableFuture<?>> commits = new ArrayList<>();
      for (EventDraft d : drafts) {
        commits.add(context.emit(d).toCompletableFuture());
      }
      CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      String reason = "not stored by the gateway: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      return new Answer(ack(message, Hl7Ack.Code.AE, Hl7Ack.Error.INTERNAL, "", reason), null);
    }
    List<String> flags = new ArrayList<>();
    if (!set.live()) {
      flags.add(switch (set.mode()) {
        case "demo", "training", "debug" -> set.mode();
        default -> "test"; // a processing id HL7 does not define: not patient data either
      });
    }
    if (wrongPatient.isPresent()) {
      flags.add("other-patient");
    }
    waves.segments(set, receivedAt, flags).forEach(context::wave);
    return new Answer(ack(message, Hl7Ack.Code.AA, Hl7Ack.Error.NONE, "", null), null);
  }

  /** Allowed when MSH-3's namespace or universal id, MSH-4's namespace or a device identity is listed. */
  private boolean allowed(ObservationSet set) {
    ObservationSet.Sender s = set.sender();
    List<String> identities = new ArrayList<>();
    for (String field : new String[] {s.application(), s.facility()}) {
      if (field != null) {
        String[] parts = field.split("\\^", -1);
        identities.add(parts[0]);
        if (parts.length > 1) {
          identities.add(parts[1]);
        }
      }
    }
    if (s.equipmentId() != null) {
      identities.add(s.equipmentId());
    }
    return identities.stream().anyMatch(allowedDevices::contains);
  }

  private static String describe(ObservationSet.Sender s) {
    return "MSH-3 '" + (s.application() == null ? "" : s.application()) + "'"
        + (s.equipmentId() == null ? "" : " (device " + s.equipmentId() + ")");
  }

  private String ack(String message, Hl7Ack.Code code, Hl7Ack.Error error, String location, String reason) {
    return Hl7Ack.build(message, code, error, location, reason, "ACK" + ackIds.incrementAndGet(),
        ZonedDateTime.now(ZoneId.systemDefault()));
  }
}
