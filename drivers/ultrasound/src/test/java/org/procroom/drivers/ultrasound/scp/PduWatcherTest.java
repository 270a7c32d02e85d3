package org.procroom.drivers.ultrasound.scp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** PDUs laid out as PS3.8 9.3 gives them: type, reserved, 32-bit big-endian length, then the body. */
class PduWatcherTest {
  /** A P-DATA-TF carrying one 4-byte PDV whose body contains 0x06 and 0x07 bytes. */
  private static final byte[] P_DATA = HexFormat.of().parseHex("0400" + "0000000a" + "00000006" + "0103" + "06070606");
  /** A-RELEASE-RP: type 06, length 4, four reserved bytes. */
  private static final byte[] RELEASE_RP = HexFormat.of().parseHex("0600" + "00000004" + "00000000");

  @Test
  void theAssociationEndsAtTheReleaseResponseNotAtBodyBytesThatLookLikeOne() throws Exception {
    AtomicInteger ended = new AtomicInteger();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    PduWatcher watcher = new PduWatcher(wire, ended::incrementAndGet);
    watcher.write(P_DATA, 0, 3);
    watcher.write(P_DATA, 3, P_DATA.length - 3);
    assertEquals(0, ended.get(), "06 and 07 inside a P-DATA body end nothing");
    for (byte b : RELEASE_RP) {
      watcher.write(b);
    }
    assertEquals(1, ended.get());
    assertArrayEquals(concat(P_DATA, RELEASE_RP), wire.toByteArray(), "every byte passes through unchanged");
  }

  @Test
  void anAbortEndsTheAssociationToo() throws Exception {
    AtomicInteger ended = new AtomicInteger();
    byte[] abort = HexFormat.of().parseHex("0700" + "00000004" + "00000200");
    new PduWatcher(new ByteArrayOutputStream(), ended::incrementAndGet).write(abort);
    assertEquals(1, ended.get());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
