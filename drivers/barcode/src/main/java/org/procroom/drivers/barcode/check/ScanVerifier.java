package org.procroom.drivers.barcode.check;

import org.procroom.gateway.api.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.procroom.drivers.barcode.check.Assessment.Classification;
import org.procroom.drivers.barcode.codec.DecodedBarcode;
import org.procroom.gateway.api.ProcedureView;

/**
 * The point-of-care checks, in the order a nurse would want them: what was scanned, is it for this
 * patient, is it the right product, in date, not recalled, not a look-alike mix-up, not scanned
 * twice. Plain Java with no I/O; it remembers recent scans per procedure for the repeat and
 * look-alike checks. Not thread-safe: one per scanner, called from its reader thread.
 */
public final class ScanVerifier {
  private static final String NO_PROCEDURE = "";

  private final Formulary formulary;
  private final RecallList recalls;
  private final Duration repeatWindow;
  private final Pattern wristbandPattern;
  private final Pattern badgePattern;
  /** Recent scans, oldest first, so expiry looks only at the head: constant work per scan at any rate. */
  private final LinkedHashMap<String, Instant> recentScans = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> concentrationsByProcedure = new HashMap<>();
  private final Map<String, String> badgeByProcedure = new HashMap<>();

  public ScanVerifier(Formulary formulary, RecallList recalls, Duration repeatWindow, Pattern wristbandPattern,
      Pattern badgePattern) {
    this.formulary = formulary;
    this.recalls = recalls;
    this.repeatWindow = repeatWindow;
    this.wristbandPattern = wristbandPattern;
    this.badgePattern = badgePattern;
  }

  public Assessment assess(DecodedBarcode d, Optional<ProcedureView> procedure, LocalDate today, Instant at) {
    String procedureKey = procedure.map(ProcedureView::id).orElse(NO_PROCEDURE);
    String scannedBy = badgeByProcedure.get(procedureKey);
    List<Finding> findings = new ArrayList<>();
    if (!d.valid()) {
      findings.add(new Finding("INVALID_BARCODE", Severity.WARNING, "unreadable barcode: " + d.error()));
      return new Assessment(Classification.UNKNOWN, null, null, null, scannedBy, findings, false);
    }
    Optional<String> wristband = identifier(d, "8018", wristbandPattern);
    if (wristband.isPresent()) {
      return wristband(wristband.get(), procedure, scannedBy, findings);
    }
    Optional<String> badge = identifier(d, "8017", badgePattern);
    if (badge.isPresent()) {
      badgeByProcedure.put(procedureKey, badge.get());
      return new Assessment(Classification.BADGE, null, null, badge.get(), badge.get(), findings, false);
    }
    Optional<Product> product = formulary.find(d);
    if (product.isEmpty()) {
      if (d.format() == DecodedBarcode.Format.TEXT) {
        findings.add(new Finding("UNRECOGNISED", Severity.WARNING,
            "not a medication, wristband or badge barcode known to this room"));
      } else {
        findings.add(new Finding("UNKNOWN_PRODUCT", Severity.CRITICAL, "product " + code(d)
            + " is not in the formulary: do not use it until pharmacy confirms it"));
      }
      return new Assessment(Classification.UNKNOWN, null, null, null, scannedBy, findings, false);
    }
    Product p = product.get();
    boolean medication = p.kind() == Product.Kind.MEDICATION;
    if (medication) {
      if (procedure.isEmpty()) {
        findings.add(new Finding("NO_PATIENT", Severity.WARNING, "no procedure is open: scan the patient's wristband first"));
      } else if (!procedure.get().patientVerified()) {
        findings.add(new Finding("NO_PATIENT", Severity.WARNING, "patient not identified yet: scan the wristband first"));
      }
      procedure.filter(v -> !p.allowedIn().isEmpty() && !p.allowedIn().contains(v.procedureType()))
          .ifPresent(v -> findings.add(new Finding("NOT_ALLOWED", Severity.CRITICAL,
              p.label() + " is not allowed in a " + v.procedureType() + " procedure")));
    }
    expiry(d, today, findings);
    recalls.find(p, d.lot()).ifPresent(r -> findings.add(new Finding("RECALLED", Severity.CRITICAL,
        "lot " + r.lot() + " of " + p.label() + " is recalled" + (r.reason() == null ? "" : ": " + r.reason())
            + (r.reference() == null ? "" : " (" + r.reference() + ")"))));
    if (medication && p.lookAlikeGroup() != null) {
      lookAlike(procedureKey, p, findings);
    }
    repeat(d, at, findings);
    return new Assessment(medication ? Classification.MEDICATION : Classification.SUPPLY, p, null, null, scannedBy,
        findings, false);
  }

  private Assessment wristband(String patientRef, Optional<ProcedureView> procedure, String scannedBy,
      List<Finding> findings) {
    boolean confirmed = false;
    if (procedure.isEmpty()) {
      findings.add(new Finding("NO_PROCEDURE", Severity.INFO, "wristband scanned while no procedure is open"));
    } else if (!procedure.get().patientRef().equals(patientRef)) {
      findings.add(new Finding("WRONG_PATIENT", Severity.CRITICAL,
          "this wristband is not the patient of the open procedure: stop and check the patient's identity"));
    } else {
      confirmed = !procedure.get().patientVerified();
    }
    return new Assessment(Classification.WRISTBAND, null, patientRef, null, scannedBy, findings, confirmed);
  }

  private static Optional<String> identifier(DecodedBarcode d, String ai, Pattern textPattern) {
    if (d.ais().containsKey(ai)) {
      return Optional.of(d.ais().get(ai));
    }
    if (d.format() == DecodedBarcode.Format.TEXT && textPattern != null) {
      Matcher m = textPattern.matcher(d.text());
      if (m.matches()) {
        return Optional.of(m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : d.text());
      }
    }
    return Optional.empty();
  }

  private static void expiry(DecodedBarcode d, LocalDate today, List<Finding> findings) {
    if (d.expiry() == null) {
      findings.add(new Finding("EXPIRY_NOT_VERIFIABLE", Severity.INFO,
          "expiry not verifiable from barcode: check the printed date"));
    } else if (d.expiry().isBefore(today)) {
      findings.add(new Finding("EXPIRED", Severity.CRITICAL, "expired on " + d.expiry() + ": do not use"));
    } else if (d.expiry().isEqual(today)) {
      findings.add(new Finding("EXPIRES_TODAY", Severity.WARNING, "expires today (" + d.expiry() + ")"));
    }
  }

  private void lookAlike(String procedureKey, Product p, List<Finding> findings) {
    Map<String, String> seen = concentrationsByProcedure.computeIfAbsent(procedureKey, k -> new HashMap<>());
    String earlier = seen.get(p.lookAlikeGroup());
    if (earlier != null && !earlier.equals(p.label())) {
      findings.add(new Finding("LOOK_ALIKE", Severity.WARNING,
          p.label() + " scanned after " + earlier + " in this procedure: check the concentration"));
    }
    seen.put(p.lookAlikeGroup(), p.label());
  }

  private void repeat(DecodedBarcode d, Instant at, List<Finding> findings) {
    Instant horizon = at.minus(repeatWindow);
    for (Iterator<Instant> it = recentScans.values().iterator(); it.hasNext(); ) {
      if (!it.next().isBefore(horizon)) {
        break;
      }
      it.remove();
    }
    String key = d.gtin() + "|" + d.lot() + "|" + d.serial() + "|" + d.ndc() + "|" + d.ppn();
    Instant before = recentScans.remove(key);
    recentScans.put(key, at);
    if (before != null) {
      findings.add(new Finding("REPEAT_SCAN", Severity.WARNING, "the same "
          + (d.serial() != null ? "pack (same serial)" : "product and lot") + " was scanned "
          + Duration.between(before, at).toSeconds() + " s ago"));
    }
  }

  private static String code(DecodedBarcode d) {
    if (d.gtin() != null) {
      return "GTIN " + d.gtin();
    }
    if (d.ppn() != null) {
      return "PPN " + d.ppn();
    }
    return "HIBC " + d.labeler() + d.product();
  }
}
