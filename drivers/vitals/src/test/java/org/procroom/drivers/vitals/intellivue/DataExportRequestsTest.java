package org.procroom.drivers.vitals.intellivue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.vitals.intellivue.DataExportRequests.ObjectSupport;
import org.procroom.drivers.vitals.intellivue.DataExportRequests.PollProfile;

/**
 * Each request the gateway sends, byte for byte against the messages VSCaptureMP publishes
 * (resources/.../intellivue/vscapture-requests.txt and aarq-wave-ext-poll.hex, see SOURCES.md); the
 * arguments are read off those bytes by eye, as each comment says.
 */
class DataExportRequestsTest {
  private static Map<String, String> published() throws IOException {
    Map<String, String> out = new HashMap<>();
    String name = null;
    StringBuilder hex = new StringBuilder();
    for (String line : resource("vscapture-requests.txt").split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.matches("\\w+")) {
        name = line;
        hex = new StringBuilder();
        out.put(name, "");
      } else if (!line.isBlank()) {
        hex.append(line.replace(" ", "").toLowerCase());
        out.put(name, hex.toString());
      }
    }
    return out;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DataExportRequestsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void theAssociationRequestForNumerics() throws IOException {
    // ... 00 00 09 C4 (min poll period 2500 x 125 us) 00 00 09 C4 (mtu rx) 00 00 03 E8 (mtu tx) ... F0 01 00 08 8C
    PollProfile profile = new PollProfile(Duration.ofMillis(312).plusNanos(500_000), 2500, 1000, 0x8C000000, List.of());
    assertEquals(published().get("aarq_msg"), hex(DataExportRequests.associationRequest(profile)));
  }

  @Test
  void theAssociationRequestForWavesWithItsObjectSupportList() throws IOException {
    // 00 00 0F A0 (500 ms) 00 00 05 B0 (1456) 00 00 05 B0 ... 8E, then 01 02 00 34 00 06 00 30 and six
    // entries 00 01 <class> <max instances>: MDS 1, numerics 0xC9, waves 0x3C, class 5 0x10, demographics 1, alarms 1
    PollProfile profile = new PollProfile(Duration.ofMillis(500), 1456, 1456, 0x8E000000, List.of(
        new ObjectSupport(0x21, 1), new ObjectSupport(0x06, 201), new ObjectSupport(0x09, 60),
        new ObjectSupport(0x05, 16), new ObjectSupport(0x2A, 1), new ObjectSupport(0x36, 1)));
    assertEquals(resource("aarq-wave-ext-poll.hex").replaceAll("\\s", "").toLowerCase(),
        hex(DataExportRequests.associationRequest(profile)));
  }

  @Test
  void theMdsCreateResultEchoesTheReport() throws IOException {
    // 00 02 (result) ... 00 01 (invoke id 1) 00 01 (confirmed event report) ... 00 21 00 00 00 00 00 0A BD 00 0D 06
    assertEquals(published().get("mds_create_resp_msg"),
        hex(DataExportRequests.mdsCreateResult(1, new ManagedObject(0x21, 0, 0), 0x000ABD00L)));
  }

  @Test
  void singlePolls() throws IOException {
    Map<String, String> published = published();
    // invoke 0, poll 1, 00 01 00 06 (numerics), group 0
    assertEquals(published.get("poll_request_msg"), hex(DataExportRequests.poll(0, 1, 0x06, 0)));
    // invoke 6, poll 5, 00 01 00 2A (patient demographics), group 08 07
    assertEquals(published.get("poll_request_msg3"), hex(DataExportRequests.poll(6, 5, 0x2A, 0x0807)));
    // invoke 8, poll 7, 00 01 00 36 (alert monitor), group 08 11
    assertEquals(published.get("keep_alive_msg2"), hex(DataExportRequests.poll(8, 7, 0x36, 0x0811)));
  }

  @Test
  void extendedPolls() throws IOException {
    Map<String, String> published = published();
    // F1 3B 00 0C: numerics once, no attributes (00 00 00 00)
    assertEquals(published.get("ext_poll_request_msg"), hex(DataExportRequests.extendedPoll(1, 1, 0x06, 0, null)));
    // F1 3E 00 04 00 03 A9 80: 240000 x 125 us = 30 s
    assertEquals(published.get("ext_poll_request_msg5"),
        hex(DataExportRequests.extendedPoll(1, 1, 0x06, 0, Duration.ofSeconds(30))));
    // invoke 4, poll 3, 00 01 00 09 (real-time sample arrays), 00 49 3E 00 = 600 s
    assertEquals(published.get("ext_poll_request_wave_msg"),
        hex(DataExportRequests.extendedPoll(4, 3, 0x09, 0, Duration.ofMinutes(10))));
    // invoke 5, poll 4, 00 01 00 36 08 01 (alert monitor, group 0x0801), 600 s
    assertEquals(published.get("ext_poll_request_alert_msg"),
        hex(DataExportRequests.extendedPoll(5, 4, 0x36, 0x0801, Duration.ofMinutes(10))));
  }

  @Test
  void releaseAndAbort() throws IOException {
    Map<String, String> published = published();
    assertEquals(published.get("rlrq_msg"), hex(DataExportRequests.releaseRequest()));
    assertEquals(published.get("rlrq_resp_msg"), hex(DataExportRequests.releaseResult()));
    assertEquals(published.get("assoc_abort_resp_msg"), hex(DataExportRequests.abort()));
  }
}
