package org.procroom.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vitals decode --protocol intellivue} on a real monitor's serial capture
 * (resources/captures/SOURCES.md) and on the same messages as LAN datagrams in hex.
 */
class IntellivueDecodeTest {
  @TempDir Path dir;

  private static byte[] capture() throws Exception {
    try (InputStream in = IntellivueDecodeTest.class.getResourceAsStream("/captures/intellivue-m8000-serial.bin")) {
      return in.readAllBytes();
    }
  }

  private List<String> decode(Path file, int expectedExit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = CliAccess.run(List.of("vitals", "decode", "--protocol", "intellivue", "--time-zone", "UTC",
        file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(expectedExit, exit, text);
    return text.lines().filter(l -> l.startsWith("{")).toList();
  }

  @Test
  void theSerialCaptureGivesItsNumericsAtTheMonitorsTime() throws Exception {
    Path file = Files.write(dir.resolve("capture.bin"), capture());
    List<String> sets = decode(file, 0);
    assertEquals(1, sets.size(), "one numerics poll in the capture: " + sets);
    JsonNode set = new ObjectMapper().readTree(sets.get(0));
    assertEquals(List.of("intellivue", "demo", "21"), List.of(set.path("protocol").asText(), set.path("mode").asText(),
        String.valueOf(set.path("observations").size())));
    // the MDS Create's 1997-01-26 03:10:36 plus 18944 ticks of 125 us
    assertEquals("1997-01-26T03:10:38.368000Z", set.path("deviceTime").asText());
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    CliAccess.run(List.of("vitals", "decode", "--protocol", "intellivue", file.toString()),
        new PrintStream(all, true, StandardCharsets.UTF_8));
    assertTrue(all.toString(StandardCharsets.UTF_8).contains("note: sample array 0x02CB (MDC_ECG_ELEC_POTL_II): 256 bytes"
        + " of samples not kept, the monitor has not stated its sample size yet"),
        "the capture's waves, which it holds no static attributes for, said so: " + all);
  }

  @Test
  void datagramsAsHexLinesAndABrokenOne() throws Exception {
    byte[] frames = capture();
    // the serial frames' messages, as a LAN capture would hold them: frame 2 (MDS Create) and 5 (numerics)
    List<byte[]> messages = new java.util.ArrayList<>();
    new org.procroom.drivers.vitals.intellivue.MibFrameDecoder(8192).decode(frames, 0, frames.length,
        f -> messages.add(((org.procroom.drivers.vitals.intellivue.MibFrame.Message) f).bytes()));
    java.util.HexFormat hex = java.util.HexFormat.of();
    Path file = Files.writeString(dir.resolve("capture.hex"), "# datagrams\n" + hex.formatHex(messages.get(1)) + "\n"
        + hex.formatHex(messages.get(4)) + "\n" + "e10000020002ffff\n");
    List<String> sets = decode(file, 1);
    assertEquals(1, sets.size());
    assertTrue(sets.get(0).contains("\"deviceTime\":\"1997-01-26T03:10:38.368000Z\""), sets.get(0));
  }
}
