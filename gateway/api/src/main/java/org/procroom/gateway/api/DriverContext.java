package org.procroom.gateway.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What the gateway gives a running driver. */
public interface DriverContext {
  String deviceId();

  GatewayClock clock();

  /** The gateway's data folder; a driver that keeps files (e.g. received DICOM objects) keeps them below it. */
  java.nio.file.Path dataDir();

  /**
   * Hands an event to the gateway. The stage completes once the event is durably committed to
   * the record and outbox (the moment a protocol acknowledgement may be sent), or fails with the
   * reason it could not be stored.
   */
  CompletionStage<DeviceEvent> emit(EventDraft draft);

  /**
   * Hands a run of waveform samples to the gateway without waiting: kept on the box, published
   * live, and held with the record around its events. Sequence numbers are the driver's per
   * channel; the gateway cuts repeats and states jumps as gaps.
   */
  void wave(WaveSegment segment);

  /** The procedure open right now, if any. */
  Optional<ProcedureView> procedure();

  /** What the room's worklist holds: the open procedure, then the scheduled ones, earliest first. */
  java.util.List<ProcedureView> worklist();

  /**
   * Where the received object kept at {@code file} (relative to the data folder) stands with each
   * archive the gateway forwards to: archive name to {@code pending}, {@code delivered} (the archive
   * confirmed it), {@code parked} (refused), {@code dropped}, or {@code none} (never queued: received
   * outside a procedure). Empty when no archive is configured.
   */
  default CompletionStage<java.util.Map<String, String>> archived(String file) {
    return java.util.concurrent.CompletableFuture.completedFuture(java.util.Map.of());
  }

  /**
   * What this driver fetched from the site's RIS becomes the room's RIS schedule: steps new to it
   * are scheduled, changed ones updated, ones it no longer lists removed unless started. Completes
   * with how many are scheduled from this driver once committed.
   */
  default CompletionStage<Integer> siteSchedule(java.util.List<ScheduledStep> steps) {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this gateway takes no site schedule"));
  }

  /**
   * An archive's storage commitment result for a transaction the gateway's forwarder asked:
   * SOP Instance UID to 0 (committed) or its Failure Reason. True when the forwarder waited for it.
   */
  default boolean archiveReport(String transactionUid, java.util.Map<String, Integer> outcomes) {
    return false;
  }

  /** Counts raw bytes received from the device; the commissioning view shows the total. */
  void received(long bytes);

  /** Reports a connection state change; the gateway records it as a {@code device.state} event. */
  void state(DriverState state, String reason);
}
