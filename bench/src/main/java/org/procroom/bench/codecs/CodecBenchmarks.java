package org.procroom.bench.codecs;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.procroom.drivers.barcode.codec.BarcodeDecoder;
import org.procroom.drivers.barcode.codec.DecodedBarcode;
import org.procroom.drivers.vitals.pcd01.Pcd01Parser;
import org.procroom.drivers.vitals.s5.S5FrameDecoder;
import org.procroom.drivers.vitals.s5.S5FrameEncoder;

/** Throughput of the codecs on the hot path: one scan, one S/5 frame, one PCD-01 message per operation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmarks {
  /** A GS1 DataMatrix on a lidocaine vial: GTIN, expiry, lot, serial. */
  static final String GS1_SCAN = "]d20100304094276014" + "17271130" + "10LID2401" + "\u001d" + "21S0001";
  /** An IHE PCD-01 ORU^R01 as a networked monitor sends it: five numerics. */
  static final String PCD01 = String.join("\r",
      "MSH|^~\\&|MON1^0012345678ABCDEF^EUI-64|OR|||20261125120000+0000||ORU^R01^ORU_R01|MON1-1|P|2.6|||NE|AL"
          + "||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
      "PID|||PAT-1^^^SITE^MR",
      "OBR|1|||182777000^monitoring of patient^SNOMED-CT|||20261125120000+0000",
      "OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.1.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||20261125120000+0000",
      "OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.1|98|262688^MDC_DIM_PERCENT^MDC|||||R|||20261125120000+0000",
      "OBX|3|NM|150301^MDC_PRESS_CUFF_SYS^MDC|1.3.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R|||20261125120000+0000|||^APERIODIC",
      "OBX|4|NM|150302^MDC_PRESS_CUFF_DIA^MDC|1.3.1.2|80|266016^MDC_DIM_MMHG^MDC|||||R|||20261125120000+0000|||^APERIODIC",
      "OBX|5|NM|151562^MDC_RESP_RATE^MDC|1.4.1.1|14|264928^MDC_DIM_RESP_PER_MIN^MDC|||||R|||20261125120000+0000") + "\r";
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  private byte[] s5Frame;
  private S5FrameDecoder s5Decoder;
  private Pcd01Parser pcd01;
  private final org.procroom.drivers.vitals.pcd01.Pcd01Reading pcd01Reading =
      new org.procroom.drivers.vitals.pcd01.Pcd01Reading(org.procroom.drivers.vitals.terms.VendorProfiles.defaults());
  private ca.uhn.hl7v2.parser.PipeParser hapi;

  @Setup
  public void setUp() {
    // A displayed-values record is about 1.2 kB; every 0x7E/0x7D in it is escaped on the wire.
    byte[] record = new byte[1200];
    for (int i = 0; i < record.length; i++) {
      record[i] = (byte) (i * 31);
    }
    s5Frame = S5FrameEncoder.frame(record);
    s5Decoder = new S5FrameDecoder(4096);
    pcd01 = new Pcd01Parser();
    // The peer: HAPI's parser alone, set up as ours is (v2.6 structures, no validation).
    ca.uhn.hl7v2.HapiContext context = new ca.uhn.hl7v2.DefaultHapiContext();
    context.setModelClassFactory(new ca.uhn.hl7v2.parser.CanonicalModelClassFactory("2.6"));
    context.setValidationContext(ca.uhn.hl7v2.validation.impl.ValidationContextFactory.noValidation());
    hapi = context.getPipeParser();
  }

  @Benchmark
  public DecodedBarcode gs1Decode() {
    return BarcodeDecoder.decode(GS1_SCAN, TODAY);
  }

  @Benchmark
  public void s5FrameDecode(Blackhole out) {
    s5Decoder.decode(s5Frame, 0, s5Frame.length, out::consume);
  }

  @Benchmark
  public org.procroom.drivers.vitals.ObservationSet hl7Parse() {
    return pcd01Reading.read(pcd01.parse(PCD01).message());
  }

  /** HAPI's parse of the same message, without our mapping to observations: the peer of {@link #hl7Parse}. */
  @Benchmark
  public ca.uhn.hl7v2.model.Message hapiParse() throws ca.uhn.hl7v2.HL7Exception {
    return hapi.parse(PCD01);
  }

  /** The bytes of one S/5 frame, for the report. */
  public static int s5FrameBytes() {
    CodecBenchmarks b = new CodecBenchmarks();
    b.setUp();
    return b.s5Frame.length;
  }
}
