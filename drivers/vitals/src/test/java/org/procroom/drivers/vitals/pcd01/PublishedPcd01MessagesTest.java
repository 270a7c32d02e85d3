package org.procroom.drivers.vitals.pcd01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.procroom.drivers.vitals.Observation;
import org.procroom.drivers.vitals.ObservationSet;
import org.procroom.drivers.vitals.terms.VendorProfiles;

/**
 * PCD-01 messages published by others (IHE PCD TF-2, vendor guides, NIST's PCD test tool, IPF's
 * PCD-01 and Continua WAN test data, field captures), kept byte for byte in {@code corpus/} with
 * their sources (corpus/SOURCES.md). Each {@code .expected} file was written by reading its
 * message: the acknowledgement, MSH-11, the patient, the device, and every metric with its
 * containment, code, value or the reason there is none, UCUM unit and OBX-11, every alarm and wave.
 */
class PublishedPcd01MessagesTest {
  private static final Path CORPUS = corpus();
  /** Reasons that say the whole message is not patient data: its values are kept, not charted. */
  private static final Set<String> MODES = Set.of("training", "debug", "demo");

  @Test
  void theCorpusIsLargeAndFromManySources() throws IOException {
    List<Path> expected = expectedFiles();
    assertTrue(expected.size() >= 30, "at least 30 published messages, found " + expected.size());
    Set<String> sources = new TreeSet<>();
    for (Path p : expected) {
      sources.add(Expected.read(p).vendor().split("[ (,;]")[0]);
    }
    assertTrue(sources.size() >= 6, "at least 6 vendors or sources: " + sources);
  }

  @TestFactory
  Stream<DynamicTest> everyPublishedMessageReadsAsItsExpectedFileSays() throws IOException {
    return expectedFiles().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  private static void check(Path expectedFile) throws IOException {
    Expected e = Expected.read(expectedFile);
    String text = e.message(CORPUS);
    Pcd01Parser.Result result = new Pcd01Parser(ZoneOffset.UTC).parse(text);
    if (!e.ack().equals("AA")) {
      assertEquals(e.ack(), String.valueOf(result.refusal()), "acknowledgement");
      return;
    }
    assertNull(result.reason(), "taken with AA");
    Pcd01Message m = result.message();
    ObservationSet set = new Pcd01Reading(VendorProfiles.defaults()).read(m);
    assertEquals(e.processing(), m.processingId(), "MSH-11");
    assertEquals(e.patient(), m.patientIds().isEmpty() ? "none"
        : m.patientIds().get(0).id() + "^" + (m.patientIds().get(0).authority() == null ? ""
            : m.patientIds().get(0).authority()), "PID-3");
    String firstObx18 = m.segments().stream().map(Pcd01Message.Obx::equipment).filter(s -> !s.isEmpty()).findFirst()
        .orElse("none");
    assertEquals(e.equipment(), firstObx18, "first OBX-18");
    if (!e.equipment().equals("none")) {
      assertEquals(e.equipment(), set.sender().equipmentId(), "the device identity the gateway records");
    }

    List<String> want = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (String line : e.obs()) {
      String why = field(line, "why");
      String v = field(line, "value");
      String shown = MODES.contains(String.valueOf(why)) ? "*" : v.equals("none") ? "none" : canon(v);
      want.add(line.replaceAll(" why=\\S+", "").replace(" value=" + v + " ", " value=" + shown + " "));
    }
    for (int i = 0; i < set.observations().size(); i++) {
      boolean notLive = i < e.obs().size() && MODES.contains(String.valueOf(field(e.obs().get(i), "why")));
      got.add(obsLine(set.observations().get(i), notLive));
    }
    assertEquals(String.join("\n", want), String.join("\n", got), "metrics");
    boolean anyNotLive = e.obs().stream().anyMatch(l -> MODES.contains(String.valueOf(field(l, "why"))));
    assertEquals(!anyNotLive && !List.of("T", "D").contains(e.processing()), set.live(),
        "patient data (live) unless MSH-11 or a demo flag says otherwise; mode " + set.mode());
    for (int i = 0; i < e.obs().size(); i++) {
      String why = field(e.obs().get(i), "why");
      Observation o = set.observations().get(i);
      if (why == null) {
        assertNotNull(o.value(), "a patient value: " + e.obs().get(i));
      } else if (MODES.contains(String.valueOf(why))) {
        assertEquals(why, set.mode(), "the set is not live: " + e.obs().get(i));
      } else {
        assertNull(o.value(), e.obs().get(i));
        assertEquals(STATUS.getOrDefault(why, why), o.status(), e.obs().get(i));
      }
    }
    assertEquals(e.alarms(), set.alarms().stream().map(a -> "alarm " + dash(a.channel()) + " " + codeOf(a.mdc(),
        a.code(), a.codingSystem()) + " text=" + a.text().replace(' ', '_')).toList(), "alarms");
    assertEquals(e.waves(), set.waves().stream().map(PublishedPcd01MessagesTest::waveLine).toList(), "waves");
  }

  private static String waveLine(ObservationSet.Wave w) {
    return "wave " + dash(w.channel()) + " " + codeOf(w.mdc(), w.code(), "MDC") + " samples=" + w.count()
        + " missing=" + w.samples().stream().filter(java.util.Objects::isNull).count()
        + " period=" + (w.periodMicros() == null ? "none" : w.periodMicros() + "us")
        + " resolution=" + (w.resolution() == null ? "none" : canon(w.resolution().toString()))
        + " unit=" + (w.unit() == null ? "none" : w.unit()) + " start=" + (w.start() == null ? "none" : w.start())
        + " stored=" + (w.status() == null ? "yes" : "no");
  }

  /** Our names for the expected files' reasons where they differ. */
  private static final java.util.Map<String, String> STATUS = java.util.Map.of("empty", "no-value");

  private static String obsLine(Observation o, boolean notLive) {
    String unit = o.unit() != null ? o.unit() : o.unitReceived() != null ? "?" + o.unitReceived().split("\\^")[0] : "-";
    String value = notLive ? "*" : o.value() != null ? canon(o.value().toString()) : "none";
    return "obs " + dash(o.channel()) + " " + codeOf(o.mdc(), o.code(), o.codingSystem()) + " value=" + value
        + " unit=" + unit + " status=" + dash(o.resultStatus());
  }

  /** A number in one form, so that the message's {@code 60} and {@code 60.0} compare equal. */
  private static String canon(String number) {
    return new java.math.BigDecimal(number).stripTrailingZeros().toPlainString();
  }

  private static String codeOf(Integer mdc, String code, String system) {
    return (mdc != null ? mdc.toString() : code) + "^" + system;
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  static String field(String line, String name) {
    for (String part : line.split(" ")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    return null;
  }

  private static List<Path> expectedFiles() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(p -> p.toString().endsWith(".expected")).sorted().toList();
    }
  }

  private static Path corpus() {
    try {
      return Path.of(PublishedPcd01MessagesTest.class.getResource("corpus/SOURCES.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One {@code .expected} file. */
  record Expected(Path path, String vendor, String ack, String processing, String patient, String equipment,
      String file, String extract, List<String> obs, List<String> alarms, List<String> waves) {
    static Expected read(Path p) {
      List<String> lines;
      try {
        lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String vendor = "";
      String ack = "AA";
      String processing = "P";
      String patient = "none";
      String equipment = "none";
      String file = null;
      String extract = null;
      List<String> obs = new ArrayList<>();
      List<String> alarms = new ArrayList<>();
      List<String> waves = new ArrayList<>();
      for (String raw : lines) {
        String line = raw.replaceAll("\\s+#.*$", "").strip();
        String value = line.contains(":") ? line.substring(line.indexOf(':') + 1).strip() : "";
        if (line.startsWith("vendor:")) {
          vendor = value;
        } else if (line.startsWith("ack:")) {
          ack = value;
        } else if (line.startsWith("processing:")) {
          processing = value;
        } else if (line.startsWith("patient:")) {
          patient = value;
        } else if (line.startsWith("equipment:")) {
          equipment = value;
        } else if (line.startsWith("file:")) {
          file = value;
        } else if (line.startsWith("extract:")) {
          extract = value;
        } else if (line.startsWith("obs ")) {
          obs.add(line);
        } else if (line.startsWith("alarm ")) {
          alarms.add(line);
        } else if (line.startsWith("wave ")) {
          waves.add(line);
        }
      }
      return new Expected(p, vendor, ack, processing, patient, equipment, file, extract, obs, alarms, waves);
    }

    /** The message text, segments joined with CR as on the wire. */
    String message(Path corpus) throws IOException {
      Path container = file != null ? corpus.resolve(file) : sibling(corpus);
      String text = Files.readString(container, StandardCharsets.UTF_8);
      if (extract != null) {
        text = Extract.apply(extract, text);
      }
      return String.join("\r", text.split("\\r\\n|\\r|\\n")) + "\r";
    }

    private Path sibling(Path corpus) throws IOException {
      String base = path.getFileName().toString().replaceAll("\\.expected$", "");
      try (Stream<Path> files = Files.list(corpus)) {
        return files.filter(f -> f.getFileName().toString().startsWith(base + ".")
            && !f.getFileName().toString().endsWith(".expected")).findFirst()
            .orElseThrow(() -> new IOException("no message file for " + base));
      }
    }
  }

  /** The {@code extract:} forms: json pointer, xml element, line range, between markers. */
  static final class Extract {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String apply(String how, String text) throws IOException {
      String[] words = how.split(" ", 2);
      switch (words[0]) {
        case "json" -> {
          return JSON.readTree(text).at(words[1].strip()).asText();
        }
        case "lines" -> {
          String[] range = words[1].strip().split("\\s+");
          List<String> all = List.of(text.split("\\r\\n|\\r|\\n", -1));
          return String.join("\n", all.subList(Integer.parseInt(range[0]) - 1, Integer.parseInt(range[1])));
        }
        case "xml" -> {
          String[] args = words[1].strip().split("\\s+");
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(?:\\w+:)?" + args[0] + "(?:\\s[^>]*)?>(.*?)</(?:\\w+:)?"
              + args[0] + ">", java.util.regex.Pattern.DOTALL).matcher(text);
          for (int i = 0; i <= Integer.parseInt(args[1]); i++) {
            if (!m.find()) {
              throw new IOException("no element " + args[0] + " #" + args[1]);
            }
          }
          return m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
              .replace("&#13;", "\r").replace("&#xD;", "\r").replace("&amp;", "&");
        }
        case "between" -> {
          java.util.regex.Matcher q = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(words[1]);
          List<String> markers = new ArrayList<>();
          int end = 0;
          while (markers.size() < 2 && q.find()) {
            markers.add(q.group(1).replace("\\\"", "\""));
            end = q.end();
          }
          int occurrence = Integer.parseInt(words[1].substring(end).strip());
          int from = 0;
          String found = null;
          for (int i = 0; i <= occurrence; i++) {
            int a = text.indexOf(markers.get(0), from);
            int b = text.indexOf(markers.get(1), a + markers.get(0).length());
            if (a < 0 || b < 0) {
              throw new IOException("markers not found: " + how);
            }
            found = text.substring(a + markers.get(0).length(), b);
            from = b + markers.get(1).length();
          }
          return found.replace("\\r", "\r").replace("\\n", "\n");
        }
        default -> throw new IOException("unknown extract form: " + how);
      }
    }
  }
}
