package org.procroom.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A value of the wrong form is refused while the command line is read, naming the option and what
 * it expects, before anything runs; so is an option given twice (which of the two was meant?).
 */
class BadOptionValuesAreUsageErrorsTest {
  private static Main.UsageException refused(String... args) {
    return assertThrows(Main.UsageException.class,
        () -> CliAccess.run(List.of(args), new PrintStream(new ByteArrayOutputStream())));
  }

  @Test
  void aValueOfTheWrongFormIsRefusedWithWhatTheOptionExpects() {
    assertEquals("Invalid value for option '--timeout': expected a duration like 30s, 2m or 1h, found 'soon'",
        refused("health", "--timeout", "soon").getMessage());
    assertEquals("Invalid value for option '--format': expected one of json, html, pdf, fhir, found 'docx'",
        refused("record", "export", "--latest", "--format", "docx").getMessage());
    assertEquals("Invalid value for option '--time-zone': expected a time zone like Europe/Berlin or UTC, found 'Mars/Base'",
        refused("vitals", "decode", "--protocol", "s5", "--time-zone", "Mars/Base", "capture.bin").getMessage());
    assertEquals("health", refused("health", "--timeout", "soon").command(), "the usage printed is the command's");
  }

  @Test
  void anOptionGivenTwiceIsRefused() {
    assertEquals("option '--config' (FILE) should be specified only once",
        refused("doctor", "--config", "a.yaml", "--config", "b.yaml").getMessage());
  }
}
