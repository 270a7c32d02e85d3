package org.procroom.drivers.serial;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.procroom.gateway.api.DriverState;

/** Keeps what a line source reported, for assertions. */
final class RecordingListener implements LineListener {
  final List<String> lines = new CopyOnWriteArrayList<>();
  final List<DriverState> states = new CopyOnWriteArrayList<>();
  final List<String> reasons = new CopyOnWriteArrayList<>();

  @Override
  public void onFrame(LineFrame frame, Instant receivedAt) {
    if (frame instanceof LineFrame.Line line) {
      lines.add(new String(line.bytes(), StandardCharsets.ISO_8859_1));
    } else {
      lines.add("<overlong>");
    }
  }

  @Override
  public void onReceived(int length) {
    // frames are what these tests look at
  }

  @Override
  public void onState(DriverState state, String reason) {
    states.add(state);
    reasons.add(reason);
  }

  DriverState lastState() {
    return states.isEmpty() ? null : states.get(states.size() - 1);
  }
}
