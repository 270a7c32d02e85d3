package org.procroom.drivers.vitals.s5;

import java.io.IOException;
import java.time.Instant;
import org.procroom.drivers.serial.DeviceLink;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.drivers.serial.LinkListener;
import org.procroom.drivers.vitals.VitalsEvents;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.DriverState;

/**
 * GE Datex-Ohmeda S/5: transport (serial link, 19200 8E1 RTS/CTS) -> codec (frames, records,
 * basic class, waveform subrecords) -> mapping ({@code vitals.observation}, wave segments). The
 * displayed-values and waveform requests are sent on every connect, so a replugged cable resumes
 * the data; the waveform request again when no waveform came for {@link #WAVE_SILENCE} (the monitor
 * stops them by itself after 2 s held back by RTS/CTS).
 */
final class S5MonitorDriver implements Driver, LinkListener {
  private final LineTransportOptions options;
  private final int intervalSeconds;
  static final java.time.Duration WAVE_SILENCE = java.time.Duration.ofSeconds(5);

  private final VitalsEvents events;
  private final java.util.List<Integer> waves;
  private final S5FrameDecoder decoder = new S5FrameDecoder(4096);
  private final S5WaveStreams streams = new S5WaveStreams();
  private volatile Instant lastWave;
  private DriverContext context;
  private DeviceLink link;

  S5MonitorDriver(LineTransportOptions options, int intervalSeconds, VitalsEvents events, java.util.List<Integer> waves) {
    this.options = options;
    this.intervalSeconds = intervalSeconds;
    this.events = events;
    this.waves = java.util.List.copyOf(waves);
  }

  @Override
  public void start(DriverContext context) {
    this.context = context;
    link = DeviceLink.open(context.deviceId(), options, context.clock(), this);
    link.start();
  }

  @Override
  public void stop() {
    if (link != null) {
      link.stop();
    }
  }

  @Override
  public void onConnected(DeviceLink connected) {
    decoder.reset();
    streams.reconnected();
    try {
      connected.send(S5FrameEncoder.frame(S5Requests.displayedValues(intervalSeconds)));
    } catch (IOException e) {
      context.state(DriverState.RECONNECTING, "cannot send the displayed-values request: " + e.getMessage());
      return;
    }
    requestWaves(connected, context.clock().now());
  }

  private void requestWaves(DeviceLink to, Instant now) {
    if (waves.isEmpty()) {
      return;
    }
    lastWave = now; // the monitor starts within a second; silence is counted from here
    try {
      to.send(S5FrameEncoder.frame(S5Requests.waveforms(waves)));
    } catch (IOException e) {
      context.state(DriverState.RECONNECTING, "cannot send the waveform request: " + e.getMessage());
    }
  }

  @Override
  public void onBytes(byte[] bytes, int length, Instant receivedAt) {
    context.received(length);
    decoder.decode(bytes, 0, length, frame -> {
      if (!frame.valid()) {
        context.emit(events.rejected("s5", frame.invalidReason(), receivedAt));
        return;
      }
      S5Record.Parsed parsed = S5Record.parse(frame.value());
      if (!parsed.valid()) {
        context.emit(events.rejected("s5", parsed.invalidReason(), receivedAt));
        return;
      }
      if (parsed.value().mainType() == S5WaveRecord.MAIN_WAVEFORM) {
        waveRecord(parsed.value(), receivedAt);
        return;
      }
      S5BasicClass.observations(parsed.value()).ifPresent(set -> context.emit(events.observation(set, receivedAt)));
      if (!waves.isEmpty() && lastWave != null && java.time.Duration.between(lastWave, receivedAt).compareTo(WAVE_SILENCE) > 0
          && link != null) {
        requestWaves(link, receivedAt);
      }
    });
  }

  private void waveRecord(S5Record record, Instant receivedAt) {
    lastWave = receivedAt;
    S5WaveRecord.Parsed waveforms = S5WaveRecord.parse(record);
    if (!waveforms.valid()) {
      context.emit(events.rejected("s5", waveforms.invalidReason(), receivedAt));
      return;
    }
    S5WaveStreams.Result result = streams.segments(waveforms.value(), receivedAt);
    result.segments().forEach(context::wave);
    result.problems().forEach(problem -> context.emit(events.rejected("s5", problem, receivedAt)));
  }

  @Override
  public void onState(DriverState state, String reason) {
    context.state(state, reason);
  }
}
