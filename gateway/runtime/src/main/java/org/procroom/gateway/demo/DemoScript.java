package org.procroom.gateway.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.procroom.gateway.store.EventJson;
import org.procroom.simulators.scanner.ScannerSimulator;
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

  private static final long STEP_MILLIS = 1500;
  /** The demo patient's wristband number (GS1 GSRN, AI 8018); fictitious. */
  private static final String PATIENT = "123456789000042425";

  private final Api api;
  private final ScannerSimulator scanner;
  private final UltrasoundSimulator ultrasound;
  private final long deadlineNanos;

  public DemoScript(Api api, ScannerSimulator scanner, UltrasoundSimulator ultrasound, long deadlineNanos) {
    this.api = api;
    this.scanner = scanner;
    this.ultrasound = ultrasound;
    this.deadlineNanos = deadlineNanos;
  }

  public void play() throws IOException, InterruptedException {
    ObjectNode open = api.get("/api/procedures/current");
    if (open != null) {
      api.post("/api/procedures/" + open.path("id").asText() + "/close", EventJson.MAPPER.createObjectNode());
    }
    step();
    String procedure = api.post("/api/procedures",
        EventJson.MAPPER.createObjectNode().put("procedureType", "TPI").put("patientRef", PATIENT));
    if (scanner != null) {
      scan("]C1" + "8017" + "123456789000000012");                      // staff badge
      scan("]d2" + "8018" + PATIENT);                                   // patient wristband
      // (01) GTIN, (17) expiry YYMMDD, (10) lot, GS, (21) serial
      scan("]d2" + "0100354570293011" + "17271231" + "10CH2291");         // antiseptic applicator
      scan("]d2" + "0100304094276014" + "17271130" + "10LID2401<GS>" + "21S0001"); // lidocaine 1%
      scan("]d2" + "0100300030493200" + "17270630" + "10TA553<GS>" + "21S0002");   // triamcinolone
      guidance();
      scan("]d2" + "0100304094276014" + "17251031" + "10LID2301<GS>" + "21S0003"); // expired vial
      scan("]d2" + "0100304094276014" + "17271130" + "10LID2399<GS>" + "21S0004"); // recalled lot
      scan("]d2" + "0100304094276021" + "17270930" + "10LID2402<GS>" + "21S0005"); // look-alike: 2%
      scan("]d2" + "0109506000134352" + "17271130" + "10X1");             // not in the formulary
      scan("~~~garbled~~~");
    }
    step();
    api.post("/api/procedures/" + procedure + "/close", EventJson.MAPPER.createObjectNode());
    step();
  }

  /** The trigger point found with ultrasound: a still image and a cine clip of the needle. */
  private void guidance() throws InterruptedException {
    if (ultrasound == null) {
      return;
    }
    step();
    String study = "1.2.826.0.1.3680043.10.99." + System.currentTimeMillis();
    try {
      ultrasound.store(PATIENT, "ACC-DEMO-1", study, 1);
      ultrasound.store(PATIENT, "ACC-DEMO-1", study, 12);
    } catch (Exception e) {
      System.err.println("demo: the ultrasound could not store: " + e.getMessage());
    }
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
