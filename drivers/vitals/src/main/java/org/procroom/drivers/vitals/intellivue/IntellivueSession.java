package org.procroom.drivers.vitals.intellivue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.gateway.api.DriverState;

/**
 * The Data Export dialogue with one monitor, without I/O: association request (repeated until
 * answered), the MDS Create answered, numerics polled every interval, the alarms' extended poll
 * renewed before it lapses, demographics polled, keep-alive polls while the gateway has nothing else to say, and a
 * new association after silence, an abort or a refusal. The transport feeds it messages and
 * ticks and carries out what it returns through {@link Out}.
 */
final class IntellivueSession {
  /** What the session asks of its transport and driver. */
  interface Out {
    void send(byte[] message);

    void observations(ObservationSet set);

    void alarms(ObservationSet set);

    void waves(java.util.List<org.procroom.gateway.api.WaveSegment> segments);

    void patient(MonitorPatient patient);

    void rejected(String reason);

    void state(DriverState state, String reason);
  }

  /**
   * The dialogue's intervals: how long the alarms' extended poll lasts, and when each repeat is
   * due (numerics are polled every {@code numericsEvery}, so the record gets a set per interval).
   */
  record Timing(Duration associationRetry, Duration silence, Duration keepAlive, Duration pollPeriod,
      Duration numericsEvery, Duration demographicsEvery, Duration waveSpecsEvery) {
    static final Timing DEFAULT = new Timing(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(3),
        Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  enum Phase { IDLE, ASSOCIATING, CONFIGURING, POLLING, RELEASING }

  static final DataExportRequests.PollProfile PROFILE = new DataExportRequests.PollProfile(Duration.ofMillis(500),
      1456, 1456, 0x88000000, List.of(new DataExportRequests.ObjectSupport(0x21, 1),
          new DataExportRequests.ObjectSupport(IntellivueNumerics.CLASS_NUMERIC, 201),
          new DataExportRequests.ObjectSupport(IntellivueWaves.CLASS_SAMPLE_ARRAY, 60),
          new DataExportRequests.ObjectSupport(MonitorPatient.CLASS_PATIENT, 1),
          new DataExportRequests.ObjectSupport(IntellivueAlarms.CLASS_ALERT_MONITOR, 1)));
  private static final int GROUP_ALERT_MONITOR = 0x0801;
  private static final int GROUP_DEMOGRAPHICS = 0x0807;
  private static final int GROUP_METRIC_OBSERVED = 0x0803;
  private static final int GROUP_STATIC = 0x0811;

  private final Out out;
  private final Timing timing;
  private final ZoneId zone;
  private final boolean wavesWanted;
  private final IntellivueWaves waves = new IntellivueWaves();
  private final Map<Integer, List<DataExportMessage.PolledObject>> linked = new HashMap<>();
  private Phase phase = Phase.IDLE;
  private MonitorClock clock;
  private Instant lastSent = Instant.MIN;
  private Instant lastReceived = Instant.MIN;
  private Instant associatingSince = Instant.MIN;
  private boolean unansweredSaid;
  private Instant pollsSent = Instant.MIN;
  private Instant numericsSent = Instant.MIN;
  private Instant demographicsSent = Instant.MIN;
  private Instant waveSpecsSent = Instant.MIN;
  private Instant wavesSent = Instant.MIN;
  private List<ObservationSet.Alarm> lastAlarms;
  private int invokeId;
  private int pollNumber;

  IntellivueSession(Out out, Timing timing, ZoneId zone, boolean wavesWanted) {
    this.wavesWanted = wavesWanted;
    this.out = out;
    this.timing = timing;
    this.zone = zone;
  }

  Phase phase() {
    return phase;
  }

  void start(Instant now) {
    associate(now);
  }

  /** Ends the association politely; the transport closes once {@link #phase()} is IDLE or after a grace period. */
  void stop(Instant now) {
    if (phase == Phase.POLLING || phase == Phase.CONFIGURING) {
      send(DataExportRequests.releaseRequest(), now);
      phase = Phase.RELEASING;
    } else {
      phase = Phase.IDLE;
    }
  }

  void tick(Instant now) {
    switch (phase) {
      case ASSOCIATING -> {
        if (due(lastSent, timing.associationRetry(), now)) {
          send(DataExportRequests.associationRequest(PROFILE), now);
        }
        if (!unansweredSaid && due(associatingSince, timing.silence(), now)) {
          unansweredSaid = true;
          out.state(DriverState.RECONNECTING, "the monitor has not answered the association request for "
              + timing.silence().toSeconds() + " s (asking again every " + timing.associationRetry().toSeconds() + " s)");
        }
      }
      case CONFIGURING, POLLING -> {
        if (due(lastReceived, timing.silence(), now)) {
          out.state(DriverState.RECONNECTING, "the monitor sent nothing for " + timing.silence().toSeconds()
              + " s: associating again");
          send(DataExportRequests.abort(), now);
          associate(now);
        } else if (phase == Phase.POLLING) {
          poll(now);
        }
      }
      default -> { }
    }
  }

  void onMessage(DataExportMessage m, Instant now) {
    lastReceived = now;
    if (m instanceof DataExportMessage.Accepted) {
      if (phase == Phase.ASSOCIATING) {
        phase = Phase.CONFIGURING;
      }
    } else if (m instanceof DataExportMessage.MdsCreate mds) {
      send(DataExportRequests.mdsCreateResult(mds.invokeId(), mds.mds(), mds.eventTime()), now);
      clock = MonitorClock.of(mds, zone).orElse(null);
      if (clock == null) {
        out.rejected("the MDS Create states no wall clock and relative time: observations carry the gateway's time");
      }
      phase = Phase.POLLING;
      pollsSent = Instant.MIN;
      numericsSent = Instant.MIN;
      demographicsSent = Instant.MIN;
      waveSpecsSent = Instant.MIN;
      wavesSent = Instant.MIN;
      waves.associationRenewed();
      lastAlarms = null;
      out.state(DriverState.CONNECTED, "associated; polling numerics, alarms, the patient"
          + (wavesWanted ? " and waves" : ""));
      poll(now);
    } else if (m instanceof DataExportMessage.PollResult p) {
      result(p);
    } else if (m instanceof DataExportMessage.Refused) {
      out.state(DriverState.RECONNECTING, "the monitor refused the association");
      associateLater(now);
    } else if (m instanceof DataExportMessage.Aborted) {
      out.state(DriverState.RECONNECTING, "the monitor aborted the association");
      associateLater(now);
    } else if (m instanceof DataExportMessage.ReleaseRequested) {
      send(DataExportRequests.releaseResult(), now);
      out.state(DriverState.RECONNECTING, "the monitor released the association");
      associateLater(now);
    } else if (m instanceof DataExportMessage.Released) {
      phase = Phase.IDLE;
    } else if (m instanceof DataExportMessage.RemoteError e) {
      out.rejected("the monitor refused request " + e.invokeId() + " with error " + e.errorValue());
    } else if (m.valid()) {
      out.rejected("not taken from the monitor: " + m);
    } else {
      out.rejected(m.invalidReason());
    }
  }

  private void result(DataExportMessage.PollResult p) {
    if (p.link() != DataExportMessage.Link.SINGLE) {
      linked.computeIfAbsent(p.invokeId(), k -> new ArrayList<>()).addAll(p.objects());
      return;
    }
    List<DataExportMessage.PolledObject> parts = linked.remove(p.invokeId());
    if (parts != null) {
      parts.addAll(p.objects());
      p = new DataExportMessage.PollResult(p.invokeId(), p.link(), p.pollNumber(), p.sequence(), p.relativeTime(),
          p.absoluteTime(), p.objectClass(), p.attributeGroup(), parts);
    }
    switch (p.objectClass()) {
      case IntellivueNumerics.CLASS_NUMERIC -> out.observations(IntellivueNumerics.observations(p, clock));
      case IntellivueAlarms.CLASS_ALERT_MONITOR -> alarms(p);
      case MonitorPatient.CLASS_PATIENT -> MonitorPatient.of(p).ifPresent(out::patient);
      case IntellivueWaves.CLASS_SAMPLE_ARRAY -> waves(p);
      case DataExportRequests.CLASS_MDS -> { } // the keep-alive's answer
      default -> out.rejected(String.format("a poll result of object class 0x%04X, which the gateway did not poll",
          p.objectClass()));
    }
  }

  /**
   * Alarms are sent every period; a list is passed on only when it differs from the last one, an
   * empty one when the last alarm ended.
   */
  private void alarms(DataExportMessage.PollResult p) {
    Instant at = MonitorClock.timeOf(p, clock);
    List<String> problems = new ArrayList<>();
    // Read without their time, so that an unchanged list compares equal from one period to the next.
    List<ObservationSet.Alarm> alarms = IntellivueAlarms.alarms(p, null, problems);
    problems.forEach(out::rejected);
    if (alarms.equals(lastAlarms)) {
      return;
    }
    boolean noneBefore = lastAlarms == null || lastAlarms.isEmpty();
    lastAlarms = alarms;
    if (alarms.isEmpty() && noneBefore) {
      return; // nothing sounding at the start of an association
    }
    List<ObservationSet.Alarm> timed = alarms.stream().map(a -> new ObservationSet.Alarm(a.code(), a.mdc(),
        a.codingSystem(), a.channel(), a.text(), a.priority(), a.state(), at, a.kind())).toList();
    out.alarms(new ObservationSet("intellivue", at, null, List.of(), List.of(), ObservationSet.LIVE, null, null, timed,
        null, null, null));
  }

  private void waves(DataExportMessage.PollResult p) {
    List<String> problems = new ArrayList<>();
    List<org.procroom.gateway.api.WaveSegment> segments = waves.segments(p, clock, lastReceived, problems);
    problems.forEach(out::rejected);
    if (!segments.isEmpty()) {
      out.waves(segments);
    }
  }

  private void poll(Instant now) {
    if (due(pollsSent, timing.pollPeriod().minus(timing.pollPeriod().dividedBy(10)), now)) {
      pollsSent = now;
      send(DataExportRequests.extendedPoll(nextInvoke(), nextPoll(), IntellivueAlarms.CLASS_ALERT_MONITOR,
          GROUP_ALERT_MONITOR, timing.pollPeriod()), now);
    }
    if (due(numericsSent, timing.numericsEvery(), now)) {
      numericsSent = now;
      // attribute group 0: every attribute, as the public captures show monitors answering a single poll
      send(DataExportRequests.poll(nextInvoke(), nextPoll(), IntellivueNumerics.CLASS_NUMERIC, 0), now);
    }
    if (due(demographicsSent, timing.demographicsEvery(), now)) {
      demographicsSent = now;
      send(DataExportRequests.poll(nextInvoke(), nextPoll(), MonitorPatient.CLASS_PATIENT, GROUP_DEMOGRAPHICS), now);
    }
    if (wavesWanted && due(waveSpecsSent, timing.waveSpecsEvery(), now)) {
      waveSpecsSent = now; // scales and labels change when a lead or sensor is changed at the monitor
      send(DataExportRequests.poll(nextInvoke(), nextPoll(), IntellivueWaves.CLASS_SAMPLE_ARRAY, GROUP_STATIC), now);
    }
    // The sample stream starts once the arrays' sizes and periods are known, so that no sample arrives unreadable.
    if (wavesWanted && waves.specified()
        && due(wavesSent, timing.pollPeriod().minus(timing.pollPeriod().dividedBy(10)), now)) {
      wavesSent = now;
      send(DataExportRequests.extendedPoll(nextInvoke(), nextPoll(), IntellivueWaves.CLASS_SAMPLE_ARRAY,
          GROUP_METRIC_OBSERVED, timing.pollPeriod()), now);
    }
    if (due(lastSent, timing.keepAlive(), now)) {
      send(DataExportRequests.poll(nextInvoke(), nextPoll(), DataExportRequests.CLASS_MDS, 0), now);
    }
  }

  private void associate(Instant now) {
    phase = Phase.ASSOCIATING;
    associatingSince = now;
    unansweredSaid = false;
    clock = null;
    linked.clear();
    send(DataExportRequests.associationRequest(PROFILE), now);
  }

  /** A new association after the retry interval (the monitor may need a moment after an abort). */
  private void associateLater(Instant now) {
    phase = Phase.ASSOCIATING;
    associatingSince = now;
    unansweredSaid = true; // the reason is said already
    clock = null;
    linked.clear();
    lastSent = now;
  }

  private void send(byte[] message, Instant now) {
    lastSent = now;
    out.send(message);
  }

  private int nextInvoke() {
    invokeId = (invokeId + 1) & 0xFFFF;
    return invokeId;
  }

  private int nextPoll() {
    pollNumber = (pollNumber + 1) & 0xFFFF;
    return pollNumber;
  }

  private static boolean due(Instant last, Duration every, Instant now) {
    return last.equals(Instant.MIN) || !now.isBefore(last.plus(every));
  }
}
