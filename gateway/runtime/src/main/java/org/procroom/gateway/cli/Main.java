package org.procroom.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.procroom.gateway.api.ConfigException;

/** {@code procroom <command>}: the one entry point of the launcher script. */
public final class Main {
  private static final String HELP = """
      Usage: procroom <command> [options]

      Commands:
        run [--config FILE]            run the gateway (default: $PROCROOM_CONFIG, else config/gateway.yaml)
        demo [--duration 60s]          run the gateway on the embedded broker with simulated devices,
                                       play a scripted procedure and print the live timeline
        record show ID|--latest        a procedure's record as a readable timeline
        record export ID|--latest --format json|html|fhir
                                       the record on stdout (json, a printable one-page HTML report, or
                                       the FHIR R4 transaction bundle sent to the charting system);
                                       reads the store under PROCROOM_DATA_DIR (or --data-dir), also
                                       while no gateway runs
        barcode decode DATA            decode one scan and print it as JSON; exit 1 when invalid.
                                       DATA may carry GS as the raw byte, \\x1d or <GS> (also <RS>, <EOT>)
        vitals decode --protocol s5|masimo|pcd01 [--tree] FILE
                                       decode a raw capture (PCD-01: MLLP-framed, or messages printed
                                       one segment per line): one JSON object per observation set, or
                                       with --tree each PCD-01 message's device tree;
                                       rejected frames or lines on stderr; exit 1 if any was rejected
        simulate scanner (--port PATH | --tcp PORT) [--script FILE] [--baud N] [--terminator cr|lf|crlf]
                                       a barcode scanner writing scans to a serial port or serving TCP;
                                       reads scans from the script, or from standard input
        simulate s5|masimo --port PATH [--clock-offset 90s] [--dip-at 60s]
                                       a vitals monitor with a vasovagal dip during the injection
        doctor [--config FILE]         check the box: configuration, serial ports, listening ports,
                                       broker, clock synchronisation, disk space; exit 1 on a failure
        health [--config FILE] [--timeout 10s]
                                       exit 0 when the running gateway answers /health with a working
                                       store (the installed service's watchdog uses it)
        pin-hash                       read a staff PIN or password and print its hash for dashboard.users
        build                          (re)build the gateway (the launcher does this when sources change)
        --help                         this text

      Every setting can be overridden from the environment: PROCROOM_ + its key path in capitals,
      e.g. PROCROOM_MQTT_URL, PROCROOM_HTTP_PORT, PROCROOM_DATA_DIR, PROCROOM_DRIVERS_SCANNER_1_PORT.

      Exit codes: 0 done; 1 a check failed, a scan or capture was invalid, or the gateway stopped on an
      error; 2 a mistake on the command line or in the configuration (the message names it).
      `procroom <command> --help` shows one command.
      """;

  /** The options each command takes; anything else is a usage error, never quietly ignored. */
  private static final java.util.Map<String, java.util.Set<String>> OPTIONS = java.util.Map.of(
      "run", java.util.Set.of("--config"),
      "demo", java.util.Set.of("--duration"),
      "record", java.util.Set.of("--latest", "--format", "--data-dir"),
      "barcode", java.util.Set.of(),
      "vitals", java.util.Set.of("--protocol", "--tree", "--time-zone"),
      "simulate", java.util.Set.of("--port", "--tcp", "--script", "--baud", "--terminator", "--clock-offset", "--dip-at"),
      "doctor", java.util.Set.of("--config"),
      "health", java.util.Set.of("--config", "--timeout"),
      "pin-hash", java.util.Set.of());

  /** Commands of the checkout only: the installed package has no simulators and no build. */
  private static final java.util.Set<String> CHECKOUT_ONLY = java.util.Set.of("demo", "simulate", "build");

  /** The help text: on an installed box without the checkout's commands. */
  static String help() {
    if (!installed()) {
      return HELP;
    }
    StringBuilder out = new StringBuilder();
    boolean skipping = false;
    for (String line : HELP.split("\n", -1)) {
      String trimmed = line.strip();
      if (line.startsWith("  ") && !line.startsWith("   ") && !trimmed.isEmpty()) {
        skipping = CHECKOUT_ONLY.contains(trimmed.split(" ")[0]);
      } else if (!line.startsWith("    ")) {
        skipping = false;
      }
      if (!skipping) {
        out.append(line).append('\n');
      }
    }
    return out.substring(0, out.length() - 1);
  }

  /** Set by the installed launcher ({@code PROCROOM_INSTALLED=1}). */
  static boolean installed() {
    return "1".equals(System.getenv("PROCROOM_INSTALLED")) || Boolean.getBoolean("procroom.installed");
  }

  /** The help lines of one command. */
  static String help(String command) {
    StringBuilder out = new StringBuilder("Usage: procroom ");
    boolean in = false;
    for (String line : help().split("\n")) {
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        in = line.strip().startsWith(command + " ") || line.strip().equals(command);
      } else if (!line.startsWith("    ")) {
        in = false;
      }
      if (in) {
        out.append(out.length() == 16 ? line.strip() : line).append('\n');
      }
    }
    return out.toString();
  }

  private Main() {}

  public static void main(String[] args) {
    int status;
    try {
      status = run(List.of(args), System.out, System.err);
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      status = 2;
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.err.println("Try 'procroom --help'.");
      status = 2;
    } catch (RuntimeException e) {
      System.err.println("procroom: " + e.getMessage());
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        System.err.println("  caused by: " + cause);
      }
      status = 1;
    }
    if (status >= 0) {
      System.exit(status);
    }
  }

  /** Runs a command; a negative result means it keeps running in the background (the gateway). */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
      out.print(help());
      return args.isEmpty() ? 2 : 0;
    }
    String command = args.get(0);
    if (!OPTIONS.containsKey(command) || (installed() && CHECKOUT_ONLY.contains(command))) {
      throw new UsageException("unknown command '" + command + "'"
          + org.procroom.gateway.api.SettingNames.suggestion(command, OPTIONS.keySet()));
    }
    if (args.contains("--help") || args.contains("-h")) {
      out.print(help(command));
      return 0;
    }
    Options options = new Options(command, args.subList(1, args.size()));
    return switch (args.get(0)) {
      case "run" -> RunCommand.run(options, home());
      case "demo" -> DemoCommand.run(options, home(), out);
      case "simulate" -> SimulateCommand.run(options, out);
      case "barcode" -> BarcodeCommand.run(options, out);
      case "vitals" -> VitalsCommand.run(options, out, err);
      case "record" -> RecordCommand.run(options, home(), out);
      case "doctor" -> DoctorCommand.run(options, home(), out);
      case "health" -> HealthCommand.run(options, home(), out);
      case "pin-hash" -> PinHashCommand.run(out);
      default -> throw new UsageException("unknown command '" + args.get(0) + "'");
    };
  }

  /** The installation or checkout folder; relative paths in the configuration start here. */
  static Path home() {
    String home = System.getenv("PROCROOM_HOME");
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  static Path hivemqLib(Path home) {
    String configured = System.getProperty("procroom.hivemq.lib");
    return configured != null ? Path.of(configured) : home.resolve("gateway/broker-embedded/target/lib");
  }

  /** A command line mistake, reported without a stack trace. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** {@code --name value} options and positional arguments. */
  static final class Options {
    /** Options that take no value. */
    private static final java.util.Set<String> FLAGS = java.util.Set.of("--latest", "--tree");
    private final List<String> args;

    Options(String command, List<String> args) {
      this.args = args;
      java.util.Set<String> known = OPTIONS.getOrDefault(command, java.util.Set.of());
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (!a.startsWith("-") || a.equals("-")) {
          continue;
        }
        if (!known.contains(a)) {
          throw new UsageException("'" + command + "' has no option " + a
              + org.procroom.gateway.api.SettingNames.suggestion(a, known)
              + (known.isEmpty() ? "" : "; its options: " + String.join(" ", new java.util.TreeSet<>(known))));
        }
        if (!FLAGS.contains(a)) {
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new UsageException(a + " needs a value");
          }
          i++;
        }
      }
    }

    String value(String name, String fallback) {
      int i = args.indexOf(name);
      if (i < 0) {
        return fallback;
      }
      if (i + 1 >= args.size()) {
        throw new UsageException(name + " needs a value");
      }
      return args.get(i + 1);
    }

    boolean flag(String name) {
      return args.contains(name);
    }

    List<String> positional() {
      List<String> result = new java.util.ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i).startsWith("--")) {
          if (!FLAGS.contains(args.get(i))) {
            i++;
          }
        } else {
          result.add(args.get(i));
        }
      }
      return result;
    }
  }
}
