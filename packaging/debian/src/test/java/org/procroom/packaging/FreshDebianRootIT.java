package org.procroom.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's demo command on a machine that has nothing yet: a minimal Debian root made by
 * debootstrap (with the host's trust store), a clean clone of what is committed, and
 * {@code ./procroom demo} run in it as root, so the launcher itself installs the release's JDK,
 * Maven, PixelMed and socat, builds, and runs a whole procedure to its end (.ci/fresh-debian).
 * The suite runs Debian 13, whose JDK (21) differs from the build's release; Debian 12 runs in
 * {@code ./procroom soak}. Not both side by side: the two demos would share the host's ports.
 */
class FreshDebianRootIT {
  private static final Pattern FINISHED = Pattern.compile("Demo finished: (\\d+) events stored, (\\d+) messages confirmed");

  @Test
  void debian13() throws Exception {
    theReadmeDemoRunsToItsEndOnAFreshRoot("trixie", "openjdk-21-jdk-headless");
  }

  @Test
  @Tag("soak")
  void debian12() throws Exception {
    theReadmeDemoRunsToItsEndOnAFreshRoot("bookworm", "openjdk-17-jdk-headless");
  }

  private static void theReadmeDemoRunsToItsEndOnAFreshRoot(String release, String jdk) throws Exception {
    assertEquals("0", new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
        StandardCharsets.US_ASCII).trim(), "debootstrap and chroot need root");
    Path checkout = Path.of(System.getProperty("procroom.checkout"));
    Path log = Files.createTempFile("fresh-" + release, ".log");
    Process process = new ProcessBuilder(checkout.resolve(".ci/fresh-debian").toString(), "--release", release, "demo")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = process.waitFor(20, TimeUnit.MINUTES);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    String output = Files.readString(log);
    String tail = output.substring(Math.max(0, output.length() - 4000));
    assertTrue(ended, "still running after 20 minutes:\n" + tail);
    assertEquals(0, process.exitValue(), tail);
    assertTrue(output.contains("procroom: installing " + jdk), "the launcher installs the release's JDK:\n" + tail);
    assertTrue(output.contains("making Debian's PixelMed"), tail);
    Matcher finished = FINISHED.matcher(output);
    assertTrue(finished.find(), tail);
    assertTrue(Integer.parseInt(finished.group(1)) >= 40 && Integer.parseInt(finished.group(2)) >= 40, finished.group());
    Files.delete(log);
  }
}
