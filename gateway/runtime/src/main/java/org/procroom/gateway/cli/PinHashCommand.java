package org.procroom.gateway.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.procroom.gateway.dashboard.PinHash;

/** {@code procroom pin-hash}: reads a PIN or password (not echoed on a terminal) and prints its hash for dashboard.users. */
final class PinHashCommand {
  private PinHashCommand() {}

  static int run(PrintStream out) {
    char[] pin;
    if (System.console() != null) {
      pin = System.console().readPassword("PIN or password: ");
    } else {
      try {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        pin = line == null ? new char[0] : line.toCharArray();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the PIN: " + e.getMessage(), e);
      }
    }
    if (pin == null || pin.length < 4) {
      throw new Main.UsageException("a PIN has at least 4 characters");
    }
    out.println(PinHash.hash(pin));
    java.util.Arrays.fill(pin, '\0');
    return 0;
  }
}
