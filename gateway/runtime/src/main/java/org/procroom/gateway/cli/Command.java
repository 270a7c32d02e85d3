package org.procroom.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * A command that joins {@code procroom} from another module on the class path, found with
 * {@link java.util.ServiceLoader} as drivers are: the checkout's {@code demo} and {@code simulate},
 * which the installed package does not carry, so its help never lists them.
 */
public interface Command {
  String name();

  /** Its lines of the help text, indented as the built-in ones ("  name [options]   what it does"). */
  String help();

  /** The options it takes; any other is a usage error. */
  Set<String> options();

  /** Runs it; a negative result means it keeps running in the background. */
  int run(Options options, Path home, PrintStream out);
}
