package org.procroom.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.procroom.drivers.serial.LineDecoder;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.drivers.vitals.intellivue.DataExportDecoder;
import org.procroom.drivers.vitals.intellivue.DataExportMessage;
import org.procroom.drivers.vitals.intellivue.IntellivueAlarms;
import org.procroom.drivers.vitals.intellivue.IntellivueNumerics;
import org.procroom.drivers.vitals.intellivue.MibFrame;
import org.procroom.drivers.vitals.intellivue.MibFrameDecoder;
import org.procroom.drivers.vitals.intellivue.MonitorClock;
import org.procroom.drivers.vitals.masimo.MasimoAscii;
import org.procroom.drivers.vitals.pcd01.MllpDecoder;
import org.procroom.drivers.vitals.pcd01.MllpFrame;
import org.procroom.drivers.vitals.pcd01.Pcd01Parser;
import org.procroom.drivers.vitals.pcd01.Pcd01Reading;
import org.procroom.drivers.vitals.pcd01.Pcd01Tree;
import org.procroom.drivers.vitals.s5.S5BasicClass;
import org.procroom.drivers.vitals.s5.S5FrameDecoder;
import org.procroom.drivers.vitals.s5.S5Record;
import org.procroom.drivers.vitals.terms.VendorProfiles;
import org.procroom.gateway.store.EventJson;

/**
 * {@code procroom vitals decode --protocol s5|masimo|pcd01|intellivue [--tree] FILE}: a raw capture, as bytes came
 * off the wire, to one JSON object per observation set on stdout (PCD-01 with {@code --tree}: the
 * device tree as text; a PCD-01 file without MLLP framing is read as messages printed one segment
 * per line); rejected frames or lines on stderr with the reason, and decoding goes on.
 */
final class VitalsCommand {
  private VitalsCommand() {}

  static int run(Options options, PrintStream out, PrintStream err) {
    List<String> args = options.positional();
    if (args.size() != 2 || !args.get(0).equals("decode")) {
      throw new Main.UsageException("usage: procroom vitals decode --protocol s5|masimo|pcd01|intellivue [--tree] [--time-zone ZONE] FILE");
    }
    String protocol = options.value("--protocol", "");
    byte[] capture;
    try {
      capture = Files.readAllBytes(Path.of(args.get(1)));
    } catch (IOException e) {
      throw new Main.UsageException("cannot read " + args.get(1) + ": " + e.getMessage());
    }
    int[] rejected = {0};
    switch (protocol) {
      case "s5" -> new S5FrameDecoder(4096).decode(capture, 0, capture.length, frame -> {
        S5Record.Parsed parsed = frame.valid() ? S5Record.parse(frame.value()) : null;
        if (!frame.valid() || !parsed.valid()) {
          rejected[0]++;
          err.println((frame.valid() ? "rejected record: " + parsed.invalidReason()
              : "rejected frame: " + frame.invalidReason()));
        } else {
          S5BasicClass.observations(parsed.value()).ifPresent(set -> print(out, set));
        }
      });
      case "masimo" -> new LineDecoder(4096).decode(capture, 0, capture.length, frame -> {
        MasimoAscii.Parsed parsed = frame.valid() ? MasimoAscii.parse(new String(frame.value(), StandardCharsets.US_ASCII),
            ZoneId.of(options.value("--time-zone", ZoneId.systemDefault().getId()))) : null;
        if (frame.valid() && parsed.valid()) {
          print(out, parsed.value());
        } else {
          rejected[0]++;
          err.println("rejected line: " + (frame.valid() ? parsed.invalidReason() : frame.invalidReason()));
        }
      });
      case "pcd01" -> {
        Pcd01Parser parser = new Pcd01Parser();
        Pcd01Reading reading = new Pcd01Reading(VendorProfiles.defaults());
        boolean tree = options.flag("--tree");
        java.util.function.Consumer<String> decode = text -> {
          Pcd01Parser.Result result = parser.parse(text);
          if (result.message() != null) {
            ObservationSet set = reading.read(result.message());
            if (tree) {
              out.print(Pcd01Tree.render(set));
            } else {
              print(out, set);
            }
          } else {
            rejected[0]++;
            err.println("rejected message (" + result.refusal() + "): " + result.reason());
          }
        };
        if (hasStartBlock(capture)) {
          new MllpDecoder(64 << 20, StandardCharsets.UTF_8).decode(capture, 0, capture.length, frame -> {
            if (frame instanceof MllpFrame.Message message) {
              decode.accept(message.text());
            } else {
              rejected[0]++;
              err.println("rejected frame: " + ((MllpFrame.Invalid) frame).reason());
            }
          });
        } else {
          plainMessages(new String(capture, StandardCharsets.UTF_8)).forEach(decode);
        }
      }
      case "intellivue" -> intellivue(capture, ZoneId.of(options.value("--time-zone", ZoneId.systemDefault().getId())),
          out, err, rejected);
      default -> throw new Main.UsageException("--protocol must be s5, masimo, pcd01 or intellivue");
    }
    return rejected[0] == 0 ? 0 : 1;
  }

  /**
   * IntelliVue: MIB/RS-232 frames as they came off the serial line (the file starts with BOF,
   * 0xC0), or LAN datagrams as hex, one per line. Numerics and alarm lists print as sets; the
   * capture's MDS Create gives them the monitor's clock (in {@code zone}).
   */
  private static void intellivue(byte[] capture, ZoneId zone, PrintStream out, PrintStream err, int[] rejected) {
    List<byte[]> messages = new java.util.ArrayList<>();
    if (capture.length > 0 && (capture[0] & 0xFF) == 0xC0) {
      new MibFrameDecoder(64 << 10).decode(capture, 0, capture.length, frame -> {
        if (frame instanceof MibFrame.Message m) {
          messages.add(m.bytes());
        } else {
          rejected[0]++;
          err.println("rejected frame: " + frame.invalidReason());
        }
      });
    } else {
      for (String line : new String(capture, StandardCharsets.US_ASCII).split("\r?\n")) {
        String hex = line.strip().replaceAll("\\s", "");
        if (hex.isEmpty() || hex.startsWith("#")) {
          continue;
        }
        try {
          messages.add(java.util.HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
          rejected[0]++;
          err.println("rejected line: not hex (" + e.getMessage() + ")");
        }
      }
    }
    MonitorClock clock = null;
    org.procroom.drivers.vitals.intellivue.IntellivueWaves waves = new org.procroom.drivers.vitals.intellivue.IntellivueWaves();
    for (byte[] bytes : messages) {
      DataExportMessage m = DataExportDecoder.read(bytes);
      if (m instanceof DataExportMessage.MdsCreate mds) {
        clock = MonitorClock.of(mds, zone).orElse(null);
      } else if (m instanceof DataExportMessage.PollResult p && IntellivueNumerics.numerics(p)) {
        print(out, IntellivueNumerics.observations(p, clock));
      } else if (m instanceof DataExportMessage.PollResult p && p.objectClass() == 0x0009) {
        // Sample arrays: read with the static attributes the capture holds before them; without those, said why.
        List<String> problems = new java.util.ArrayList<>();
        for (org.procroom.gateway.api.WaveSegment w : waves.segments(p, clock, java.time.Instant.EPOCH, problems)) {
          out.println("wave " + w.channel() + " (" + w.code() + "): " + w.size() + " samples every "
              + w.samplePeriod().toNanos() / 1e6 + " ms from #" + w.firstSequence()
              + (w.deviceTime() == null ? "" : " at " + w.deviceTime()) + (w.unit() == null ? "" : ", " + w.unit())
              + (w.flags().isEmpty() ? "" : ", " + String.join(", ", w.flags()))
              + (w.gapBefore() == null ? "" : ", after a gap of " + w.gapBefore().missing() + ": " + w.gapBefore().cause()));
        }
        problems.forEach(problem -> out.println("note: " + problem));
      } else if (m instanceof DataExportMessage.PollResult p) {
        List<ObservationSet.Alarm> alarms = IntellivueAlarms.alarms(p, null, new java.util.ArrayList<>());
        if (!alarms.isEmpty()) {
          print(out, new ObservationSet("intellivue", null, null, List.of(), List.of(), ObservationSet.LIVE, null, null,
              alarms, null, null, null));
        }
      } else if (!m.valid()) {
        rejected[0]++;
        err.println("rejected message: " + m.invalidReason());
      }
    }
  }

  private static boolean hasStartBlock(byte[] capture) {
    for (byte b : capture) {
      if (b == 0x0B) {
        return true;
      }
    }
    return false;
  }

  /**
   * Messages as documents print them: segments on lines (CR, LF or CRLF), each message starting
   * with MSH. Segments are joined with CR, as HL7 v2 has them on the wire.
   */
  static List<String> plainMessages(String text) {
    List<String> messages = new java.util.ArrayList<>();
    StringBuilder current = null;
    for (String line : text.split("\r\n|\r|\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("MSH")) {
        if (current != null) {
          messages.add(current.toString());
        }
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(line).append('\r');
      }
    }
    if (current != null) {
      messages.add(current.toString());
    }
    return messages;
  }

  private static void print(PrintStream out, ObservationSet set) {
    try {
      out.println(EventJson.MAPPER.writeValueAsString(set));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
