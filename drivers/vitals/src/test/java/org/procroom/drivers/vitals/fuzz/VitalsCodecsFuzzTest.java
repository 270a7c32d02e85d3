package org.procroom.drivers.vitals.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.ZoneOffset;
import org.procroom.drivers.vitals.masimo.MasimoAscii;
import org.procroom.drivers.vitals.pcd01.MllpDecoder;
import org.procroom.drivers.vitals.pcd01.MllpFrame;
import org.procroom.drivers.vitals.pcd01.Pcd01Parser;
import org.procroom.drivers.vitals.s5.S5BasicClass;
import org.procroom.drivers.vitals.s5.S5Frame;
import org.procroom.drivers.vitals.s5.S5FrameDecoder;
import org.procroom.drivers.vitals.s5.S5Record;

/**
 * Bytes from a monitor, however wrong, become records or explicit rejections with a reason; no
 * exception escapes a codec, and a frame or message never grows past its bound. Regression inputs
 * in src/test/resources/.../VitalsCodecsFuzzTestInputs; JAZZER_FUZZ=1 fuzzes.
 */
class VitalsCodecsFuzzTest {
  private static final int MAX_RECORD = 4096;
  private static final int MAX_MESSAGE = 16 * 1024;
  private final Pcd01Parser pcd01 = new Pcd01Parser();
  private final org.procroom.drivers.vitals.pcd01.Pcd01Reading reading =
      new org.procroom.drivers.vitals.pcd01.Pcd01Reading(org.procroom.drivers.vitals.terms.VendorProfiles.defaults());

  @FuzzTest(maxDuration = "15s")
  void s5BytesBecomeRecordsOrRejections(byte[] bytes) {
    S5FrameDecoder decoder = new S5FrameDecoder(MAX_RECORD);
    // Split reads, as a serial port delivers them.
    int half = bytes.length / 2;
    decoder.decode(bytes, 0, half, this::s5Frame);
    decoder.decode(bytes, half, bytes.length - half, this::s5Frame);
  }

  private void s5Frame(S5Frame frame) {
    if (frame instanceof S5Frame.Record record) {
      assertTrue(record.bytes().length <= MAX_RECORD);
      S5Record.Parsed parsed = S5Record.parse(record.bytes());
      assertTrue(parsed.record() != null || parsed.error() != null);
      if (parsed.record() != null) {
        assertNotNull(S5BasicClass.observations(parsed.record()));
        if (parsed.record().mainType() == org.procroom.drivers.vitals.s5.S5WaveRecord.MAIN_WAVEFORM) {
          org.procroom.drivers.vitals.s5.S5WaveRecord.Parsed waves = org.procroom.drivers.vitals.s5.S5WaveRecord.parse(parsed.record());
          assertTrue(waves.valid() || waves.invalidReason() != null);
          if (waves.valid()) {
            assertTrue(waves.value().stream().mapToInt(w -> w.samples().length).sum() * 2 <= record.bytes().length,
                "no more samples than the record has bytes");
          }
        }
      }
    } else {
      assertNotNull(((S5Frame.Invalid) frame).reason());
    }
  }

  @FuzzTest(maxDuration = "15s")
  void masimoLinesParseOrSayWhy(byte[] line) {
    MasimoAscii.Parsed parsed = MasimoAscii.parse(new String(line, java.nio.charset.StandardCharsets.ISO_8859_1),
        ZoneOffset.UTC);
    assertTrue(parsed.set() != null || parsed.error() != null);
  }

  @FuzzTest(maxDuration = "15s")
  void mllpStreamsBecomeAnsweredMessagesOrRejections(FuzzedDataProvider data) {
    MllpDecoder decoder = new MllpDecoder(MAX_MESSAGE, java.nio.charset.StandardCharsets.UTF_8);
    byte[] bytes = data.consumeRemainingAsBytes();
    decoder.decode(bytes, 0, bytes.length, frame -> {
      if (frame instanceof MllpFrame.Message message) {
        assertTrue(message.text().length() <= MAX_MESSAGE);
        Pcd01Parser.Result result = pcd01.parse(message.text());
        assertTrue(result.message() != null || result.reason() != null, "accepted, or refused with a reason");
        if (result.message() != null) {
          assertTrue(reading.read(result.message()).controlId() != null, "every accepted message reads as a set");
        }
      } else {
        assertNotNull(((MllpFrame.Invalid) frame).reason());
      }
    });
  }

  /** A poll result's sample arrays, their static attributes read from the same bytes first, become segments or reasons. */
  @FuzzTest(maxDuration = "15s")
  void intellivueSampleArraysBecomeSegmentsOrReasons(byte[] message) {
    if (org.procroom.drivers.vitals.intellivue.DataExportDecoder.read(message)
        instanceof org.procroom.drivers.vitals.intellivue.DataExportMessage.PollResult poll) {
      org.procroom.drivers.vitals.intellivue.IntellivueWaves waves = new org.procroom.drivers.vitals.intellivue.IntellivueWaves();
      java.util.List<String> problems = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        waves.segments(poll, null, java.time.Instant.EPOCH, problems).forEach(s -> assertTrue(s.size() <= message.length,
            "no more samples than the message has bytes"));
      }
      problems.forEach(org.junit.jupiter.api.Assertions::assertNotNull);
    }
  }

  @FuzzTest(maxDuration = "15s")
  void intellivueSerialBytesBecomeMessagesOrRejections(byte[] bytes) {
    org.procroom.drivers.vitals.intellivue.MibFrameDecoder decoder =
        new org.procroom.drivers.vitals.intellivue.MibFrameDecoder(MAX_RECORD);
    int third = bytes.length / 3;
    for (int[] part : new int[][] {{0, third}, {third, bytes.length - third}}) {
      decoder.decode(bytes, part[0], part[1], frame -> {
        if (frame instanceof org.procroom.drivers.vitals.intellivue.MibFrame.Message message) {
          assertTrue(message.bytes().length <= MAX_RECORD);
        } else {
          assertNotNull(((org.procroom.drivers.vitals.intellivue.MibFrame.Invalid) frame).reason());
        }
      });
    }
  }

  @FuzzTest(maxDuration = "15s")
  void intellivueBeaconsReadOrSayWhy(byte[] datagram) {
    org.procroom.drivers.vitals.intellivue.ConnectIndication.Read read =
        org.procroom.drivers.vitals.intellivue.ConnectIndication.read(datagram);
    if (read instanceof org.procroom.drivers.vitals.intellivue.ConnectIndication.Read.Invalid invalid) {
      assertNotNull(invalid.reason());
    } else {
      assertNotNull(((org.procroom.drivers.vitals.intellivue.ConnectIndication.Read.Beacon) read).value().ip());
    }
  }

  @FuzzTest(maxDuration = "15s")
  void intellivueMessagesReadOrSayWhy(byte[] datagram) {
    org.procroom.drivers.vitals.intellivue.DataExportMessage m =
        org.procroom.drivers.vitals.intellivue.DataExportDecoder.read(datagram);
    assertTrue(m.valid() || m.invalidReason() != null, "read, or refused with a reason");
    if (m instanceof org.procroom.drivers.vitals.intellivue.DataExportMessage.PollResult poll) {
      assertNotNull(org.procroom.drivers.vitals.intellivue.IntellivueNumerics.observations(poll, null).mode());
    }
  }
}
