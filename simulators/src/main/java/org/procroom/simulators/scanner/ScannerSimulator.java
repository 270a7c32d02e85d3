package org.procroom.simulators.scanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A barcode scanner as the gateway sees one: an AIM symbology identifier, the data with GS/RS/EOT
 * control characters as real scanners transmit them, and a CR, LF or CRLF suffix. Scans are
 * written in a typed notation ({@code <GS>}, {@code <RS>}, {@code <EOT>}, {@code \x1d}) so that
 * scripts stay readable.
 */
public final class ScannerSimulator implements AutoCloseable {
  /** The suffix a scanner is programmed to send. */
  public enum Terminator {
    CR("\r"), LF("\n"), CRLF("\r\n");

    private final String bytes;

    Terminator(String bytes) {
      this.bytes = bytes;
    }
  }

  private final ScanOutput output;
  private final Terminator terminator;

  private ScannerSimulator(ScanOutput output, Terminator terminator) {
    this.output = output;
    this.terminator = terminator;
  }

  /** Writes to a serial port, such as the device end of a socat pty pair. */
  public static ScannerSimulator serial(String path, int baud, Terminator terminator) throws IOException {
    return new ScannerSimulator(new SerialScanOutput(path, baud), terminator);
  }

  /** Serves scans on a loopback TCP port, like a network scanner cradle. */
  public static ScannerSimulator tcp(int port, Terminator terminator) throws IOException {
    return new ScannerSimulator(new TcpScanOutput(port), terminator);
  }

  /** Sends one scan given in typed notation, e.g. {@code ]d2010...<GS>10LOT}. */
  public void scan(String typed) throws IOException {
    sendRaw(Notation.decode(typed) + terminator.bytes);
  }

  /** Sends characters exactly as given (for noise, missing terminators and the like). */
  public void sendRaw(String raw) throws IOException {
    output.send(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Plays a script: one scan per line; {@code wait 2s} pauses; {@code raw TEXT} sends without a
   * terminator; lines starting with {@code #} are comments.
   */
  public void play(BufferedReader script, PrintStream log) throws IOException {
    String line;
    while ((line = script.readLine()) != null) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("wait ")) {
        pause(parseDuration(trimmed.substring(5).strip()));
      } else if (trimmed.startsWith("raw ")) {
        sendRaw(Notation.decode(trimmed.substring(4)));
        log.println("sent raw " + trimmed.substring(4));
      } else {
        scan(trimmed);
        log.println("scanned " + trimmed);
      }
    }
  }

  static Duration parseDuration(String text) {
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    if (text.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
    }
    throw new IllegalArgumentException("expected a wait like 500ms or 2s, found '" + text + "'");
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Interactive mode: each line typed on standard input is scanned. */
  public void interactive(PrintStream log) throws IOException {
    log.println("Type a scan and press Enter (<GS> for the group separator); Ctrl-D ends.");
    play(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), log);
  }

  @Override
  public void close() {
    output.close();
  }
}
