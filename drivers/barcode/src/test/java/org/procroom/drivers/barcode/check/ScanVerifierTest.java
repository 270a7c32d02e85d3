package org.procroom.drivers.barcode.check;

import org.procroom.gateway.api.Severity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.barcode.check.Assessment.Classification;
import org.procroom.drivers.barcode.codec.BarcodeDecoder;
import org.procroom.gateway.api.ProcedureView;

class ScanVerifierTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final String GS = "\u001D";
  private static final String PATIENT = "123456789000042425";

  private static final Product LIDO_1 = new Product(Product.Kind.MEDICATION, "Lidocaine", "1%", "10 mg/mL", "vial",
      "local-anaesthetic", "lidocaine", List.of("TPI"), "00304094276014", "0409427601", null, null);
  private static final Product LIDO_2 = new Product(Product.Kind.MEDICATION, "Lidocaine", "2%", "20 mg/mL", "vial",
      "local-anaesthetic", "lidocaine", List.of("TPI"), "00304094276021", "0409427602", null, null);
  private static final Product STEROID = new Product(Product.Kind.MEDICATION, "Triamcinolone", "40 mg/mL", null,
      "vial", "corticosteroid", null, List.of("EPIDURAL"), "00300030493200", null, null, null);
  private static final Product ANTISEPTIC = new Product(Product.Kind.SUPPLY, "Chlorhexidine", null, null, null,
      "antiseptic", null, List.of(), "00354570293011", null, null, null);

  private final ScanVerifier verifier = new ScanVerifier(Formulary.of(List.of(LIDO_1, LIDO_2, STEROID, ANTISEPTIC)),
      RecallList.of(List.of(new RecallList.Recall("00304094276014", "BADLOT", "particles", "R-1"))),
      Duration.ofMinutes(2), Pattern.compile("MRN(\\d+)"), Pattern.compile("EMP-(\\w+)"));

  private static final Optional<ProcedureView> IDENTIFIED = Optional.of(new ProcedureView("p1", "TPI", PATIENT, true, null, null, NOW));
  private static final Optional<ProcedureView> NOT_IDENTIFIED = Optional.of(new ProcedureView("p1", "TPI", PATIENT, false, null, null, NOW));

  private Assessment scan(String data, Optional<ProcedureView> procedure) {
    return scan(data, procedure, NOW);
  }

  private Assessment scan(String data, Optional<ProcedureView> procedure, Instant at) {
    return verifier.assess(BarcodeDecoder.decode(data, TODAY), procedure, TODAY, at);
  }

  private static List<String> codes(Assessment a) {
    return a.findings().stream().map(Finding::code).toList();
  }

  private static String vial(String gtin, String expiry, String lot, String serial) {
    return "]d2" + "01" + gtin + "17" + expiry + "10" + lot + GS + "21" + serial;
  }

  @Test
  void validVialForAnIdentifiedPatientIsOk() {
    Assessment a = scan(vial("00304094276014", "271130", "LID1", "S1"), IDENTIFIED);
    assertEquals(Classification.MEDICATION, a.classification());
    assertEquals(LIDO_1, a.product());
    assertEquals(List.of(), codes(a));
    assertEquals(Severity.OK, a.severity());
  }

  @Test
  void expiredIsCriticalAndExpiringTodayAWarning() {
    assertEquals(List.of("EXPIRED"), codes(scan(vial("00304094276014", "261031", "L", "S1"), IDENTIFIED)));
    assertEquals(Severity.CRITICAL, scan(vial("00304094276014", "261031", "L", "S2"), IDENTIFIED).severity());
    assertEquals(List.of("EXPIRES_TODAY"), codes(scan(vial("00304094276014", "261125", "L", "S3"), IDENTIFIED)));
    assertEquals(List.of(), codes(scan(vial("00304094276014", "261200", "L", "S4"), IDENTIFIED)),
        "DD=00 is the month's last day: 2026-12-31 is in date");
  }

  @Test
  void recalledLotIsCriticalAndNamesTheNotice() {
    Assessment a = scan(vial("00304094276014", "271130", "BADLOT", "S1"), IDENTIFIED);
    assertEquals(List.of("RECALLED"), codes(a));
    assertEquals("lot BADLOT of Lidocaine 1% is recalled: particles (R-1)", a.findings().get(0).message());
  }

  @Test
  void unknownProductIsCritical() {
    Assessment a = scan(vial("09506000134352", "271130", "X", "S1"), IDENTIFIED);
    assertEquals(Classification.UNKNOWN, a.classification());
    assertEquals(List.of("UNKNOWN_PRODUCT"), codes(a));
    assertEquals(Severity.CRITICAL, a.severity());
  }

  @Test
  void medicationBeforeThePatientIsIdentifiedIsAWarning() {
    assertEquals(List.of("NO_PATIENT"), codes(scan(vial("00304094276014", "271130", "L", "S1"), NOT_IDENTIFIED)));
    assertEquals(List.of("NO_PATIENT"), codes(scan(vial("00304094276014", "271130", "L", "S2"), Optional.empty())));
  }

  @Test
  void drugNotAllowedInThisProcedureIsCritical() {
    Assessment a = scan(vial("00300030493200", "271130", "T", "S1"), IDENTIFIED);
    assertEquals(List.of("NOT_ALLOWED"), codes(a));
    assertEquals("Triamcinolone 40 mg/mL is not allowed in a TPI procedure", a.findings().get(0).message());
  }

  @Test
  void otherConcentrationOfTheSameDrugInOneProcedureIsALookAlikeWarning() {
    scan(vial("00304094276014", "271130", "L1", "S1"), IDENTIFIED);
    Assessment second = scan(vial("00304094276021", "271130", "L2", "S2"), IDENTIFIED);
    assertEquals(List.of("LOOK_ALIKE"), codes(second));
    assertEquals("Lidocaine 2% scanned after Lidocaine 1% in this procedure: check the concentration",
        second.findings().get(0).message());
  }

  @Test
  void linearNdcOnlyVialCannotHaveItsExpiryVerified() {
    Assessment a = scan("]E00304094276014", IDENTIFIED);
    assertEquals(LIDO_1, a.product(), "found by GTIN from the UPC-A");
    assertEquals(List.of("EXPIRY_NOT_VERIFIABLE"), codes(a));
    assertEquals(Severity.INFO, a.severity(), "recorded, not a failure");
  }

  @Test
  void sameVialTwiceWithinTheWindowIsARepeat() {
    String v = vial("00304094276014", "271130", "L", "S9");
    assertEquals(List.of(), codes(scan(v, IDENTIFIED, NOW)));
    Assessment again = scan(v, IDENTIFIED, NOW.plusSeconds(30));
    assertEquals(List.of("REPEAT_SCAN"), codes(again));
    assertEquals("the same pack (same serial) was scanned 30 s ago", again.findings().get(0).message());
    assertEquals(List.of(), codes(scan(v, IDENTIFIED, NOW.plusSeconds(300))), "outside the window it is a new scan");
  }

  @Test
  void wristbandConfirmsOrRefusesThePatient() {
    Assessment match = scan("]d28018" + PATIENT, NOT_IDENTIFIED);
    assertEquals(Classification.WRISTBAND, match.classification());
    assertTrue(match.patientConfirmed());
    assertEquals(List.of(), codes(match));
    assertFalse(scan("]d28018" + PATIENT, IDENTIFIED).patientConfirmed(), "already identified: no second confirmation");

    Assessment other = scan("]d28018123456789000000029", IDENTIFIED);
    assertEquals(List.of("WRONG_PATIENT"), codes(other));
    assertEquals(Severity.CRITICAL, other.severity());

    Assessment textBand = scan("MRN0042", Optional.empty());
    assertEquals(Classification.WRISTBAND, textBand.classification());
    assertEquals("0042", textBand.patientRef(), "group 1 of the configured pattern");
    assertEquals(List.of("NO_PROCEDURE"), codes(textBand));
  }

  @Test
  void badgeIsRememberedAsWhoScannedNext() {
    Assessment badge = scan("]C18017123456789000000012", IDENTIFIED);
    assertEquals(Classification.BADGE, badge.classification());
    assertEquals("123456789000000012", badge.staffId());
    assertEquals("123456789000000012", scan(vial("00304094276014", "271130", "L", "S5"), IDENTIFIED).scannedBy());
    assertEquals("nurse7", scan("EMP-nurse7", IDENTIFIED).staffId());
  }

  @Test
  void supplyIsRecognisedWithoutMedicationChecks() {
    Assessment a = scan("]d2" + "0100354570293011" + "17271231" + "10CH1", Optional.empty());
    assertEquals(Classification.SUPPLY, a.classification());
    assertEquals(List.of(), codes(a), "no patient needed for an antiseptic");
  }

  @Test
  void malformedAndUnrecognisedScansAreWarnings() {
    Assessment bad = scan("]d20109506000134353", IDENTIFIED);
    assertEquals(List.of("INVALID_BARCODE"), codes(bad));
    assertEquals("unreadable barcode: AI 01 (GTIN): check digit is 3, expected 2", bad.findings().get(0).message());
    assertEquals(List.of("UNRECOGNISED"), codes(scan("~~~garbled~~~", IDENTIFIED)));
  }
}
