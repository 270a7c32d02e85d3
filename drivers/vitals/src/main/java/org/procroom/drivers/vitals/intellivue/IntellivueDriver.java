package org.procroom.drivers.vitals.intellivue;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.DriverState;

/**
 * Philips IntelliVue over Data Export: transport (UDP on the LAN, or MIB/RS-232 frames) -> codec
 * (Data Export messages) -> dialogue ({@link IntellivueSession}) -> mapping ({@code vitals.observation},
 * {@code vitals.alarm}). While the monitor is admitted to another patient than the open
 * procedure's, its observations are quarantined (kept and alerted, outside the record).
 */
final class IntellivueDriver implements Driver, IntellivueTransport.Receiver, IntellivueSession.Out {
  private final IntellivueTransport transport;
  private final VitalsEvents events;
  private final ZoneId monitorZone;
  private final IntellivueSession.Timing timing;
  private final boolean waves;
  private DriverContext context;
  private IntellivueSession session;
  private volatile MonitorPatient patient;
  private Instant receivedAt;

  IntellivueDriver(IntellivueTransport transport, ZoneId monitorZone, IntellivueSession.Timing timing, boolean waves,
      VitalsEvents events) {
    this.waves = waves;
    this.transport = transport;
    this.monitorZone = monitorZone;
    this.timing = timing;
    this.events = events;
  }

  @Override
  public void start(DriverContext context) {
    this.context = context;
    session = new IntellivueSession(this, timing, monitorZone, waves);
    context.state(DriverState.STARTING, "associating with the monitor");
    transport.start(this, context.clock());
  }

  @Override
  public void stop() {
    synchronized (this) {
      if (session != null) {
        session.stop(context.clock().now());
      }
    }
    transport.stop();
  }

  // Receiver: every call from the transport's threads goes through this lock, so the dialogue is single-threaded.

  @Override
  public synchronized void connected() {
    session.start(context.clock().now());
  }

  @Override
  public synchronized void message(byte[] message, Instant at) {
    context.received(message.length);
    receivedAt = at;
    session.onMessage(DataExportDecoder.read(message), at);
  }

  @Override
  public void rejected(String reason, Instant at) {
    context.emit(events.rejected("intellivue", reason, at));
  }

  /** An open line is not yet a monitor: only the association makes the driver CONNECTED. */
  @Override
  public void linkState(DriverState state, String reason) {
    context.state(state == DriverState.CONNECTED ? DriverState.STARTING : state,
        state == DriverState.CONNECTED ? reason + "; associating with the monitor" : reason);
  }

  @Override
  public synchronized void tick(Instant now) {
    receivedAt = now;
    session.tick(now);
  }

  // Out: what the dialogue asks for.

  @Override
  public void send(byte[] message) {
    try {
      transport.send(message);
    } catch (IOException e) {
      context.state(DriverState.RECONNECTING, "cannot send to the monitor: " + e.getMessage());
    }
  }

  @Override
  public void observations(ObservationSet set) {
    context.emit(events.observation(set, receivedAt, wrongPatient().orElse(null)));
  }

  @Override
  public void alarms(ObservationSet set) {
    boolean outside = wrongPatient().isPresent();
    context.emit(set.alarms().isEmpty() ? events.alarmsEnded(set, receivedAt, outside)
        : events.alarms(set, receivedAt, outside));
  }

  /** A monitor admitted to another patient: its waves are kept but marked, and no record holds them. */
  @Override
  public void waves(java.util.List<org.procroom.gateway.api.WaveSegment> segments) {
    boolean outside = wrongPatient().isPresent();
    for (org.procroom.gateway.api.WaveSegment s : segments) {
      context.wave(outside ? s.withFlag("other-patient") : s);
    }
  }

  @Override
  public void patient(MonitorPatient monitorPatient) {
    patient = monitorPatient;
  }

  @Override
  public void rejected(String reason) {
    rejected(reason, receivedAt);
  }

  @Override
  public void state(DriverState state, String reason) {
    context.state(state, reason);
  }

  private Optional<String> wrongPatient() {
    MonitorPatient p = patient;
    return p == null ? Optional.empty() : context.procedure().flatMap(p::mismatch);
  }
}
