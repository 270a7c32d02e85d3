package org.procroom.drivers.vitals.intellivue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.gateway.api.DriverState;

/**
 * The dialogue, driven by the real monitor's messages (m8000-serial-capture-1.txt) and by time: what
 * the gateway sends at each step, and what it makes of what the monitor sends.
 */
class IntellivueSessionTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  /** Everything the session asked for, in order. */
  static final class Recorder implements IntellivueSession.Out {
    final List<String> sent = new ArrayList<>();
    final List<ObservationSet> sets = new ArrayList<>();
    final List<ObservationSet> alarms = new ArrayList<>();
    final List<MonitorPatient> patients = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    final List<String> states = new ArrayList<>();
    final List<org.procroom.gateway.api.WaveSegment> waves = new ArrayList<>();

    @Override
    public void waves(List<org.procroom.gateway.api.WaveSegment> segments) {
      waves.addAll(segments);
    }

    @Override
    public void send(byte[] message) {
      sent.add(HexFormat.of().formatHex(message));
    }

    @Override
    public void observations(ObservationSet set) {
      sets.add(set);
    }

    @Override
    public void alarms(ObservationSet set) {
      alarms.add(set);
    }

    @Override
    public void patient(MonitorPatient patient) {
      patients.add(patient);
    }

    @Override
    public void rejected(String reason) {
      rejected.add(reason);
    }

    @Override
    public void state(DriverState state, String reason) {
      states.add(state + ": " + reason);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private final Recorder out = new Recorder();
  private final IntellivueSession session = new IntellivueSession(out, IntellivueSession.Timing.DEFAULT, ZoneOffset.UTC, true);

  /** The capture's messages, after its association result and MDS Create were taken at T0. */
  private List<DataExportMessage> associated() throws IOException {
    List<DataExportMessage> m = capture();
    session.start(T0);
    session.onMessage(m.get(0), T0);
    session.onMessage(m.get(1), T0);
    return m;
  }

  private List<DataExportMessage> capture() throws IOException {
    return RealMonitorCaptureTest.messages("m8000-serial-capture-1.txt");
  }

  @Test
  void associatesAgainEveryTwoSecondsUntilAnswered() {
    session.start(T0);
    session.tick(T0.plusMillis(1500));
    session.tick(T0.plusSeconds(2));
    String aarq = hex(DataExportRequests.associationRequest(IntellivueSession.PROFILE));
    assertEquals(List.of(aarq, aarq), out.sent);
    for (int s = 3; s <= 12; s++) {
      session.tick(T0.plusSeconds(s));
    }
    assertEquals(List.of("RECONNECTING: the monitor has not answered the association request for 10 s (asking again"
        + " every 2 s)"), out.states, "said once");
  }

  @Test
  void answersTheMdsCreateThenPolls() throws IOException {
    List<DataExportMessage> m = capture();
    session.start(T0);
    session.onMessage(m.get(0), T0.plusMillis(100));
    session.onMessage(m.get(1), T0.plusMillis(200));
    // the answer echoes invoke 1, the MDS and its event time FF 4B 7D 00
    assertEquals(hex(DataExportRequests.mdsCreateResult(1, new ManagedObject(0x21, 0, 0), 0xFF4B7D00L)), out.sent.get(1));
    // alarms (extended, invoke 1), numerics (single, invoke 2, class 6), demographics (single, invoke 3, class 0x2A),
    // the sample arrays' static attributes (single, invoke 4, class 9, group 08 11)
    assertEquals(List.of("e10000020001002800010007002200210000000000000000f13b0014000100010036",
            "e10000020001001c00020007001600210000000000000000" + "0c16000800020001" + "0006",
            "e10000020001001c00030007001600210000000000000000" + "0c16000800030001" + "002a",
            "e10000020001001c00040007001600210000000000000000" + "0c16000800040001" + "0009"),
        out.sent.subList(2, 6).stream().map(s -> s.substring(0, 68)).toList());
    assertTrue(out.sent.get(5).endsWith("00090811"), out.sent.get(5));
    assertEquals(List.of("CONNECTED: associated; polling numerics, alarms, the patient and waves"), out.states);
    session.onMessage(m.get(4), T0.plusSeconds(1));
    assertEquals(21, out.sets.get(0).observations().size());
    assertEquals("sample array 0x0421 (MDC_PULS_OXIM_PLETH): 64 bytes of samples not kept, the monitor has not stated"
        + " its sample size yet", rejectedAfter(m.get(5)), "waves before their static attributes are said, not kept");
    assertEquals(List.of(), out.waves);
    assertTrue(out.sent.stream().noneMatch(x -> x.contains("f13b") && x.contains("00090803")),
        "no wave stream asked for before its static attributes are known");
  }

  @Test
  void theWaveStreamStartsOnceTheArraysAreSpecified() throws IOException {
    List<DataExportMessage> m = associated();
    session.onMessage(IntellivueWavesTest.statics(), T0.plusMillis(300));
    session.tick(T0.plusMillis(500));
    String wavePoll = out.sent.stream().filter(x -> x.contains("f13b") && x.contains("00090803")).findFirst()
        .orElseThrow(() -> new AssertionError("no extended poll of the sample arrays: " + out.sent));
    // extended poll (F1 3B) of class 9, group 08 03, for 10 minutes (NOM_ATTR_TIME_PD_POLL F1 3E, 600 s = 0x0049_3E00 ticks)
    assertTrue(wavePoll.endsWith("f13e000400493e00"), wavePoll);
    session.onMessage(m.get(5), T0.plusSeconds(1));
    assertEquals(List.of("II", "MDC_PULS_OXIM_PLETH"), out.waves.stream().map(w -> w.channel()).toList());
  }

  private String rejectedAfter(DataExportMessage message) {
    session.onMessage(message, T0.plusSeconds(1));
    return out.rejected.get(out.rejected.size() - 1);
  }

  @Test
  void keepsTheAssociationAliveAndRenewsPollsBeforeTheyLapse() throws IOException {
    List<DataExportMessage> m = associated();
    int afterSetup = out.sent.size();
    session.onMessage(m.get(4), T0.plusSeconds(2));
    session.tick(T0.plusSeconds(3));
    assertTrue(out.sent.get(afterSetup).contains("0c16000800") && out.sent.get(afterSetup).endsWith("00210000"),
        "a single poll of the MDS when the gateway has said nothing for 3 s: " + out.sent.get(afterSetup));
    for (int s = 4; s <= 540; s++) { // the monitor keeps answering; nine minutes on, the polls are renewed
      session.onMessage(m.get(4), T0.plusSeconds(s));
      session.tick(T0.plusSeconds(s));
    }
    assertEquals(2, out.sent.stream().filter(x -> x.contains("f13b")).count(), "the alarms' poll renewed after 9 minutes");
    assertEquals(109, out.sent.stream().filter(x -> x.contains("0c160008") && x.endsWith("00060000")).count(),
        "numerics every 5 s for 540 s");
  }

  @Test
  void silenceMeansANewAssociation() throws IOException {
    List<DataExportMessage> m = associated();
    out.sent.clear();
    session.tick(T0.plusSeconds(10));
    assertEquals("RECONNECTING: the monitor sent nothing for 10 s: associating again", out.states.get(1));
    assertEquals(List.of(hex(DataExportRequests.abort()), hex(DataExportRequests.associationRequest(IntellivueSession.PROFILE))),
        out.sent);
    assertEquals(IntellivueSession.Phase.ASSOCIATING, session.phase());
  }

  @Test
  void anAbortOrARefusalIsSaidAndRetried() {
    session.start(T0);
    session.onMessage(new DataExportMessage.Refused(), T0.plusMillis(10));
    session.onMessage(new DataExportMessage.Aborted(), T0.plusMillis(20));
    assertEquals(List.of("RECONNECTING: the monitor refused the association",
        "RECONNECTING: the monitor aborted the association"), out.states);
    session.tick(T0.plusMillis(2020));
    assertEquals(2, out.sent.size(), "the request again after the retry interval");
  }

  @Test
  void aBadMessageIsRejectedWithItsReason() {
    session.start(T0);
    session.onMessage(DataExportDecoder.read(HexFormat.of().parseHex("e10000020002ffff")), T0);
    assertEquals(List.of("remote operation length 65535 for the 0 bytes that follow"), out.rejected);
  }
}
