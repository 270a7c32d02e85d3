package org.procroom.gateway.drivers;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where an archive's storage commitment result meets the forwarder waiting for it: the forwarder
 * expects a transaction, the DICOM driver that receives the archive's N-EVENT-REPORT hands the
 * result in. Kept in memory only: an object is marked delivered once its result arrived, so a
 * restart in between sends it and asks again.
 */
public final class ArchiveReports {
  private final Map<String, CompletableFuture<Map<String, Integer>>> waiting = new ConcurrentHashMap<>();

  /** Announces a transaction before its N-ACTION goes, so an early report is not missed. */
  public void expect(String transactionUid) {
    waiting.put(transactionUid, new CompletableFuture<>());
  }

  /**
   * A report from an archive: SOP Instance UID to 0 (committed) or its Failure Reason. Returns
   * false when nobody waits for the transaction (an archive's mistake, or a wait that gave up).
   */
  public boolean report(String transactionUid, Map<String, Integer> outcomes) {
    // Not removed here: the forwarder may not be waiting yet (a fast archive reports before the release).
    CompletableFuture<Map<String, Integer>> f = waiting.get(transactionUid);
    return f != null && f.complete(Map.copyOf(outcomes));
  }

  /** The request did not go: no report is waited for. */
  public void forget(String transactionUid) {
    waiting.remove(transactionUid);
  }

  /** The report, or empty when none came within {@code timeout}. */
  public Optional<Map<String, Integer>> await(String transactionUid, Duration timeout) throws InterruptedException {
    CompletableFuture<Map<String, Integer>> f = waiting.get(transactionUid);
    if (f == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (java.util.concurrent.ExecutionException e) {
      return Optional.empty();
    } finally {
      waiting.remove(transactionUid);
    }
  }
}
