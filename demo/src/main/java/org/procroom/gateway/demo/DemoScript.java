package org.procroom.gateway.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.procroom.gateway.store.EventJson;
import org.procroom.simulators.scanner.ScannerSimulator;
import org.procroom.simulators.ultrasound.MppsClient;
import org.procroom.simulators.ultrasound.UltrasoundSimulator;

/**
 * A trigger point injection as the room's devices and staff produce it: staff badge, patient
 * wristband, antiseptic, the local anaesthetic and the steroid, then the mistakes the checks must
 * catch (expired, recalled, look-alike, unknown, unreadable), then the record is closed. Patient
 * and products are fictitious.
 */
public final class DemoScript {
  /** The staff side: the gateway's HTTP API. */
  public interface Api {
    /** POSTs JSON; returns the {@code id} of the answer. */
    String post(String path, ObjectNode body) throws IOException, InterruptedException;

    /** GETs JSON, or null when the resource is absent. */
    ObjectNode get(String path) throws IOException, InterruptedException;
  }

  private static final long STEP_MILLIS = 1000;
  /** The demo patient's wristband number (GS1 GSRN, AI 8018); fictitious. */
  private static final String PATIENT = "123456789000042425";

  private final Api api;
  private final ScannerSimulator scanner;
  private final UltrasoundSimulator ultrasound;
  private final int mppsPort;
  private final long deadlineNanos;
  private String procedure;

  public DemoScript(Api api, ScannerSimulator scanner, UltrasoundSimulator ultrasound, int mppsPort, long deadlineNanos) {
    this.api = api;
    this.scanner = scanner;
    this.ultrasound = ultrasound;
    this.mppsPort = mppsPort;
    this.deadlineNanos = deadlineNanos;
  }

  public void play() throws IOException, InterruptedException {
    ObjectNode open = api.get("/api/procedures/current");
    if (open != null) {
      api.post("/api/procedures/" + open.path("id").asText() + "/close", EventJson.MAPPER.createObjectNode());
    }
    step();
    procedure = api.post("/api/procedures",
        EventJson.MAPPER.createObjectNode().put("procedureType", "TPI").put("patientRef", PATIENT)
            .put("patientName", "DEMO^PATIENT").put("accessionNumber", "ACC-DEMO-1"));
    entry("pain-score", "\"score\":7,\"timing\":\"before\"", "dr-lee");
    entry("trigger-point", "\"muscle\":\"upper trapezius\",\"side\":\"left\"", "dr-lee");
    entry("trigger-point", "\"muscle\":\"levator scapulae\",\"side\":\"left\"", "dr-lee");
    if (scanner != null) {
      scan("]C1" + "8017" + "123456789000000012");                      // staff badge
      scan("]d2" + "8018" + PATIENT);                                   // patient wristband
      // (01) GTIN, (17) expiry YYMMDD, (10) lot, GS, (21) serial
      scan("]d2" + "0100354570293011" + "17271231" + "10CH2291");         // antiseptic applicator
      scan("]d2" + "0100304094276014" + "17271130" + "10LID2401<GS>" + "21S0001"); // lidocaine 1%
      entry("guidance-mode", "\"mode\":\"ultrasound\"", "dr-lee");
      guidance();
      scan("]d2" + "0100300030493200" + "17270630" + "10TA553<GS>" + "21S0002");   // triamcinolone
      entry("injection", "\"site\":\"left upper trapezius\",\"drugs\":[\"lidocaine 1%\",\"triamcinolone 40 mg/mL\"],"
          + "\"volumeMl\":2", "dr-lee");
      entry("injection", "\"site\":\"left levator scapulae\",\"drugs\":[\"lidocaine 1%\",\"triamcinolone 40 mg/mL\"],"
          + "\"volumeMl\":1.5", "dr-lee");
      entry("adverse-event", "\"kind\":\"vasovagal\",\"description\":\"brief bradycardia and hypotension, resolved supine\"",
          "rn-kim");
      scan("]d2" + "0100304094276014" + "17251031" + "10LID2301<GS>" + "21S0003"); // expired vial
      scan("]d2" + "0100304094276014" + "17271130" + "10LID2399<GS>" + "21S0004"); // recalled lot
      scan("]d2" + "0100304094276021" + "17270930" + "10LID2402<GS>" + "21S0005"); // look-alike: 2%
      scan("]d2" + "0109506000134352" + "17271130" + "10X1");             // not in the formulary
      scan("~~~garbled~~~");
    }
    entry("phase", "\"phase\":\"recovery\"", "rn-kim");
    entry("pain-score", "\"score\":2,\"timing\":\"after\"", "rn-kim");
    entry("instructions", "\"text\":\"ice, gentle stretching, report fever or swelling\"", "rn-kim");
    entry("follow-up", "\"date\":\"" + java.time.LocalDate.now().plusWeeks(2) + "\"", "rn-kim");
    step();
    api.post("/api/procedures/" + procedure + "/close", EventJson.MAPPER.createObjectNode());
    step();
  }

  /**
   * The trigger point found with ultrasound, as the modality works: the worklist gives the patient
   * and study, MPPS says guidance started, a still image and a cine clip of the needle are stored,
   * MPPS says it completed.
   */
  private void guidance() throws InterruptedException {
    if (ultrasound == null) {
      return;
    }
    step();
    try {
      UltrasoundSimulator.WorklistEntry order = ultrasound.worklist().stream().findFirst()
          .orElseThrow(() -> new IllegalStateException("the worklist is empty"));
      String stepUid = order.studyInstanceUid() + ".9";
      try (MppsClient mpps = mppsPort > 0 ? new MppsClient("127.0.0.1", mppsPort, "PROCROOM", "US01") : null) {
        if (mpps != null) {
          mpps.start(stepUid, order.studyInstanceUid());
        }
        ultrasound.store(order.patientId(), order.accessionNumber(), order.studyInstanceUid(), 1);
        ultrasound.store(order.patientId(), order.accessionNumber(), order.studyInstanceUid(), 12);
        if (mpps != null) {
          mpps.finish(stepUid, "COMPLETED", order.studyInstanceUid() + ".1");
        }
      }
    } catch (Exception e) {
      System.err.println("demo: the ultrasound could not complete its work: " + e.getMessage());
    }
  }

  /** A staff entry, as the dashboard will send it. */
  private void entry(String type, String fields, String enteredBy) throws IOException, InterruptedException {
    step();
    api.post("/api/procedures/" + procedure + "/entries", (ObjectNode) EventJson.parse(
        "{\"type\":\"" + type + "\"," + fields + ",\"enteredBy\":\"" + enteredBy + "\"}"));
  }

  private void scan(String typed) throws IOException, InterruptedException {
    step();
    scanner.scan(typed);
  }

  private void step() throws InterruptedException {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
    Thread.sleep(Math.max(0, Math.min(STEP_MILLIS, left - 2000)));
  }
}
