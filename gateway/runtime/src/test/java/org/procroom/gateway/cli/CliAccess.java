package org.procroom.gateway.cli;

import java.io.PrintStream;
import java.util.List;

/** Runs a CLI command in-process for tests, as {@code procroom ARGS} would. */
public final class CliAccess {
  private CliAccess() {}

  public static int run(List<String> args, PrintStream out) {
    return Main.run(args, out, System.err);
  }
}
