package org.procroom.drivers.barcode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.procroom.drivers.barcode.codec.ScanText;
import org.procroom.drivers.serial.LineFrame;
import org.procroom.drivers.serial.LineListener;
import org.procroom.drivers.serial.LineSource;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.EventDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A scanner in serial (CDC-ACM, RS-232) or TCP mode: one line, one scan. */
final class BarcodeScannerDriver implements Driver, LineListener {
  private static final Logger LOG = LoggerFactory.getLogger(BarcodeScannerDriver.class);

  private final LineTransportOptions options;
  private DriverContext context;
  private LineSource source;

  BarcodeScannerDriver(LineTransportOptions options) {
    this.options = options;
  }

  @Override
  public void start(DriverContext context) {
    this.context = context;
    source = LineSource.open(context.deviceId(), options, context.clock(), this);
    source.start();
  }

  @Override
  public void stop() {
    if (source != null) {
      source.stop();
    }
  }

  @Override
  public void onFrame(LineFrame frame, Instant receivedAt) {
    EventDraft draft;
    if (frame instanceof LineFrame.Line line) {
      draft = new EventDraft(BarcodeScan.EVENT_TYPE, null, receivedAt, scan(line));
    } else {
      LineFrame.Overlong overlong = (LineFrame.Overlong) frame;
      draft = new EventDraft(ScanRejected.EVENT_TYPE, null, receivedAt, new ScanRejected("line of "
          + overlong.length() + " bytes exceeds the limit of " + overlong.limit() + " (noise, or a wrong baud rate?)"));
    }
    context.emit(draft);
  }

  private static BarcodeScan scan(LineFrame.Line line) {
    // ISO-8859-1 keeps every byte as one character, so control characters survive to the decoder.
    String raw = new String(line.bytes(), StandardCharsets.ISO_8859_1);
    String symbology = null;
    if (raw.length() >= 3 && raw.charAt(0) == ']') {
      symbology = raw.substring(0, 3);
      raw = raw.substring(3);
    }
    LOG.debug("scan {} {}", symbology, ScanText.printable(raw));
    return new BarcodeScan(symbology, ScanText.printable(raw), raw.length());
  }

  @Override
  public void onState(DriverState state, String reason) {
    context.state(state, reason);
  }
}
