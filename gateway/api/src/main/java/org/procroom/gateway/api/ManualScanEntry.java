package org.procroom.gateway.api;

import java.util.concurrent.CompletionStage;

/** A driver that also takes a barcode typed by staff (a damaged label), checked exactly like a scan. */
public interface ManualScanEntry {
  /** Completes with the committed event; fails with IllegalArgumentException when the request is incomplete. */
  CompletionStage<DeviceEvent> enterManually(ManualScanRequest request);
}
