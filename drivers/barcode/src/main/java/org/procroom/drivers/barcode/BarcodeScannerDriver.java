package org.procroom.drivers.barcode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.procroom.drivers.barcode.check.Assessment;
import org.procroom.drivers.barcode.check.ScanVerifier;
import org.procroom.drivers.barcode.codec.BarcodeDecoder;
import org.procroom.drivers.barcode.codec.CheckDigits;
import org.procroom.drivers.barcode.codec.DecodedBarcode;
import org.procroom.drivers.barcode.codec.ScanText;
import org.procroom.drivers.serial.LineDriver;
import org.procroom.drivers.serial.LineFrame;
import org.procroom.drivers.serial.LineTransportOptions;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.api.EventDraft;
import org.procroom.gateway.api.ManualScanEntry;
import org.procroom.gateway.api.ManualScanRequest;
import org.procroom.gateway.api.PatientIdentified;
import org.procroom.gateway.api.ProcedureView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scanner in serial (CDC-ACM, RS-232) or TCP mode: transport (line source) -> codec (barcode
 * decoder) -> mapping (point-of-care checks, one {@code barcode.scan} event per scan).
 */
public final class BarcodeScannerDriver extends LineDriver implements ManualScanEntry {
  private static final Logger LOG = LoggerFactory.getLogger(BarcodeScannerDriver.class);

  private final ScanVerifier verifier;
  private final ZoneId zone;

  BarcodeScannerDriver(LineTransportOptions options, ScanVerifier verifier, ZoneId zone) {
    super(options);
    this.verifier = verifier;
    this.zone = zone;
  }

  @Override
  public void onFrame(LineFrame frame, Instant receivedAt) {
    if (frame.valid()) {
      // ISO-8859-1 keeps every byte as one character, so control characters reach the decoder intact.
      String raw = new String(frame.value(), StandardCharsets.ISO_8859_1);
      String symbology = raw.length() >= 3 && raw.charAt(0) == ']' ? raw.substring(0, 3) : null;
      String data = symbology == null ? raw : raw.substring(3);
      LOG.debug("{}: scan {} {}", context.deviceId(), symbology, ScanText.printable(data));
      scan(symbology, data, "scanner", null, receivedAt);
    } else {
      context.emit(new EventDraft(ScanRejected.EVENT_TYPE, null, receivedAt,
          new ScanRejected(frame.invalidReason() + " (noise, or a wrong baud rate?)")));
    }
  }

  /** Records a barcode typed by staff, checked exactly like a scan. */
  @Override
  public CompletionStage<DeviceEvent> enterManually(ManualScanRequest request) {
    Instant at = context.clock().now();
    String data;
    if (request.data() != null && !request.data().isBlank()) {
      data = ScanText.parse(request.data().strip());
    } else {
      String ndc = request.ndc() == null ? "" : request.ndc().replace("-", "").strip();
      if (ndc.length() != 10 || !CheckDigits.allDigits(ndc)) {
        return CompletableFuture.failedFuture(new IllegalArgumentException("give data, or an ndc of 10 digits"));
      }
      String gtin = "003" + ndc;
      data = "(01)" + gtin + CheckDigits.gs1(gtin)
          + (request.expiry() == null ? "" : "(17)" + request.expiry().format(DateTimeFormatter.ofPattern("yyMMdd")))
          + (request.lot() == null || request.lot().isBlank() ? "" : "(10)" + request.lot().strip());
    }
    return scan(null, data, "manual", new BarcodeScan.ManualEntry(request.reason(), request.enteredBy()), at);
  }

  private CompletionStage<DeviceEvent> scan(String symbology, String data, String origin, BarcodeScan.ManualEntry manual,
      Instant receivedAt) {
    LocalDate today = LocalDate.ofInstant(receivedAt, zone);
    DecodedBarcode decoded = BarcodeDecoder.decode(symbology, data, today);
    Optional<ProcedureView> procedure = context.procedure();
    Assessment a;
    synchronized (verifier) {
      a = verifier.assess(decoded, procedure, today, receivedAt);
    }
    BarcodeScan payload = new BarcodeScan(symbology, ScanText.printable(data), data.length(), origin, manual, decoded,
        a.classification(), a.product(), a.patientRef(), a.staffId(), a.scannedBy(), a.severity(), a.findings());
    if (!a.findings().isEmpty()) {
      LOG.info("{}: {} scan, {}: {}", context.deviceId(), a.classification().json(), a.severity().json(),
          a.findings().get(0).code());
    }
    CompletionStage<DeviceEvent> recorded = context.emit(new EventDraft(BarcodeScan.EVENT_TYPE, null, receivedAt, payload));
    if (a.classification() == Assessment.Classification.WRISTBAND && procedure.isEmpty()) {
      // This wristband may open a scheduled procedure: the next scan's checks must see it open.
      awaitCommit(recorded);
    }
    if (a.patientConfirmed()) {
      CompletionStage<DeviceEvent> identified = context.emit(new EventDraft(PatientIdentified.EVENT_TYPE, null, receivedAt,
          new PatientIdentified(a.patientRef(), "wristband scan")));
      // The next scan's checks must see the patient as identified: wait for this commit (milliseconds).
      awaitCommit(identified);
    }
    return recorded;
  }

  private void awaitCommit(CompletionStage<DeviceEvent> event) {
    try {
      event.toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("{}: not recorded: {}", context.deviceId(), e.getMessage());
    }
  }
}
