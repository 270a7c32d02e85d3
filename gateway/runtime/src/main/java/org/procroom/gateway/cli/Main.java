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
        record show ID|--latest        a procedure's record as a readable timeline
        record export ID|--latest --format json|html|pdf|fhir [--time-zone ZONE] [--paper a4|letter]
                                       the record on stdout (json, the clinical report with its vitals
                                       chart as printable XHTML or as PDF, times in ZONE (default the
                                       room's timeZone, else the box's), or the FHIR R4 transaction
                                       bundle sent to the charting system, with the report as printed);
                                       reads the store under PROCROOM_DATA_DIR (or --data-dir), also
                                       while no gateway runs
        barcode decode DATA            decode one scan and print it as JSON; exit 1 when invalid.
                                       DATA may carry GS as the raw byte, \\x1d or <GS> (also <RS>, <EOT>)
        vitals decode --protocol s5|masimo|pcd01|intellivue [--tree] [--time-zone ZONE] FILE
                                       decode a raw capture (PCD-01: MLLP-framed, or messages printed
                                       one segment per line; IntelliVue: MIB/RS-232 frames, or LAN
                                       datagrams as hex, one a line): one JSON object per observation
                                       set, or with --tree each PCD-01 message's device tree;
                                       rejected frames or lines on stderr; exit 1 if any was rejected
        doctor [--config FILE]         check the box: configuration, serial ports, listening ports,
                                       broker, clock synchronisation, disk space; exit 1 on a failure
        health [--config FILE] [--timeout 10s]
                                       exit 0 when the running gateway answers /health with a working
                                       store (the installed service's watchdog uses it)
        pin-hash                       read a staff PIN or password and print its hash for dashboard.users
      %s  build                          (re)build the gateway (the launcher does this when sources change)
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
      "record", java.util.Set.of("--latest", "--format", "--data-dir", "--time-zone", "--paper"),
      "barcode", java.util.Set.of(),
      "vitals", java.util.Set.of("--protocol", "--tree", "--time-zone"),
      "doctor", java.util.Set.of("--config"),
      "health", java.util.Set.of("--config", "--timeout"),
      "pin-hash", java.util.Set.of());

  /** The checkout launcher's own command: the installed package has nothing to build. */
  private static final java.util.Set<String> CHECKOUT_ONLY = java.util.Set.of("build");

  /** Commands of other modules on the class path (the checkout's demo), by name. */
  private static final java.util.Map<String, Command> PLUGGED = plugged();

  private static java.util.Map<String, Command> plugged() {
    java.util.Map<String, Command> commands = new java.util.TreeMap<>();
    java.util.ServiceLoader.load(Command.class).forEach(c -> commands.put(c.name(), c));
    return commands;
  }

  /** The help text: the built-in commands, those of other modules present, the checkout's build. */
  static String help() {
    StringBuilder plugged = new StringBuilder();
    PLUGGED.values().forEach(c -> plugged.append(c.help().stripTrailing()).append('\n'));
    String full = HELP.replace("%s  build ", plugged + "  build ");
    if (!installed()) {
      return full;
    }
    StringBuilder out = new StringBuilder();
    boolean skipping = false;
    for (String line : full.split("\n", -1)) {
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
      System.err.print(e.command() == null ? "Try 'procroom --help'.\n" : help(e.command()));
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
    java.util.Set<String> known = new java.util.TreeSet<>(OPTIONS.keySet());
    known.addAll(PLUGGED.keySet());
    if (!known.contains(command) || (installed() && CHECKOUT_ONLY.contains(command))) {
      throw new UsageException("unknown command '" + command + "'"
          + org.procroom.gateway.api.SettingNames.suggestion(command, known));
    }
    if (args.contains("--help") || args.contains("-h")) {
      out.print(help(command));
      return 0;
    }
    Command plugged = PLUGGED.get(command);
    if (plugged != null) {
      return plugged.run(parse(command, plugged.options(), args), home(), out);
    }
    Options options = parse(command, OPTIONS.get(command), args);
    return switch (args.get(0)) {
      case "run" -> RunCommand.run(options, home());
      case "barcode" -> BarcodeCommand.run(options, out);
      case "vitals" -> VitalsCommand.run(options, out, err);
      case "record" -> RecordCommand.run(options, home(), out);
      case "doctor" -> DoctorCommand.run(options, home(), out);
      case "health" -> HealthCommand.run(options, home(), out);
      case "pin-hash" -> PinHashCommand.run(out);
      default -> throw new UsageException("unknown command '" + args.get(0) + "'");
    };
  }

  private static Options parse(String command, java.util.Set<String> known, List<String> args) {
    try {
      return Options.parse(command, known, args.subList(1, args.size()));
    } catch (UsageException e) {
      throw new UsageException(e.getMessage(), command);
    }
  }

  /** The installation or checkout folder; relative paths in the configuration start here. */
  public static Path home() {
    String home = System.getenv("PROCROOM_HOME");
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  public static Path hivemqLib(Path home) {
    String configured = System.getProperty("procroom.hivemq.lib");
    return configured != null ? Path.of(configured) : home.resolve("gateway/broker-embedded/target/lib");
  }

  /** A command line mistake, reported with the usage and exit code 2, without a stack trace. */
  public static final class UsageException extends RuntimeException {
    private final String command;

    public UsageException(String message) {
      this(message, null);
    }

    /** A mistake in one command's options: its usage is printed after the message. */
    UsageException(String message, String command) {
      super(message);
      this.command = command;
    }

    String command() {
      return command;
    }
  }
}
