package org.procroom.gateway.cli;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.SettingNames;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command's options and positional arguments, parsed by picocli: an option the command does not
 * take, a missing value or a value of the wrong form is a usage error naming it, never ignored.
 */
public final class Options {
  /** Options that take no value. */
  private static final Set<String> FLAGS = Set.of("--latest", "--tree");
  /** The form each option's value must have, checked while parsing. */
  private static final Map<String, CommandLine.ITypeConverter<String>> FORMS = Map.of(
      "--duration", Options::duration,
      "--timeout", Options::duration,
      "--dip-at", Options::duration,
      "--format", oneOf("json", "html", "pdf", "fhir"),
      "--paper", oneOf("a4", "letter"),
      "--protocol", oneOf("s5", "masimo", "pcd01", "intellivue"),
      "--terminator", oneOf("cr", "lf", "crlf"),
      "--baud", number(300, 4_000_000),
      "--tcp", number(1, 65535),
      "--time-zone", Options::zone);

  /** What each option's value is, as the help names it. */
  private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("--config", "FILE"),
      Map.entry("--script", "FILE"), Map.entry("--data-dir", "DIR"), Map.entry("--port", "PATH"),
      Map.entry("--tcp", "PORT"), Map.entry("--baud", "N"), Map.entry("--time-zone", "ZONE"));

  private final Map<String, String> values;
  private final Set<String> flags;
  private final List<String> positional;

  private Options(Map<String, String> values, Set<String> flags, List<String> positional) {
    this.values = values;
    this.flags = flags;
    this.positional = positional;
  }

  /** Parses {@code args} against the options {@code command} takes. */
  static Options parse(String command, Set<String> known, List<String> args) {
    CommandSpec spec = CommandSpec.create().name(command);
    for (String name : new TreeSet<>(known)) {
      OptionSpec.Builder option = OptionSpec.builder(name);
      if (FLAGS.contains(name)) {
        option.arity("0").type(boolean.class);
      } else {
        option.arity("1").type(String.class).paramLabel(LABELS.getOrDefault(name, "VALUE"))
            .converters(FORMS.getOrDefault(name, text -> text));
      }
      spec.addOption(option.build());
    }
    spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").type(String[].class).build());
    CommandLine line = new CommandLine(spec);
    ParseResult result;
    try {
      result = line.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.UnmatchedArgumentException e) {
      String unknown = e.getUnmatched().get(0);
      throw new Main.UsageException("'" + command + "' has no option " + unknown + SettingNames.suggestion(unknown, known)
          + (known.isEmpty() ? "" : "; its options: " + String.join(" ", new TreeSet<>(known))));
    } catch (CommandLine.MissingParameterException e) {
      CommandLine.Model.ArgSpec missing = e.getMissing().get(0);
      throw new Main.UsageException((missing instanceof OptionSpec o ? o.longestName() : missing.paramLabel()) + " needs a value");
    } catch (CommandLine.ParameterException e) {
      throw new Main.UsageException(e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> flags = new TreeSet<>();
    for (OptionSpec option : result.matchedOptions()) {
      if (FLAGS.contains(option.longestName())) {
        flags.add(option.longestName());
      } else {
        values.put(option.longestName(), option.getValue());
      }
    }
    return new Options(values, flags, List.of(result.matchedPositionalValue(0, new String[0])));
  }

  public String value(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  public List<String> positional() {
    return positional;
  }

  private static String duration(String text) {
    if (DriverSettings.parseDuration(text).isEmpty()) {
      throw new CommandLine.TypeConversionException("expected a duration like 30s, 2m or 1h, found '" + text + "'");
    }
    return text;
  }

  private static String zone(String text) {
    try {
      ZoneId.of(text);
      return text;
    } catch (java.time.DateTimeException e) {
      throw new CommandLine.TypeConversionException("expected a time zone like Europe/Berlin or UTC, found '" + text + "'");
    }
  }

  private static CommandLine.ITypeConverter<String> oneOf(String... choices) {
    return text -> {
      if (!List.of(choices).contains(text)) {
        throw new CommandLine.TypeConversionException("expected one of " + String.join(", ", choices) + ", found '"
            + text + "'");
      }
      return text;
    };
  }

  private static CommandLine.ITypeConverter<String> number(int min, int max) {
    return text -> {
      try {
        int n = Integer.parseInt(text);
        if (n >= min && n <= max) {
          return text;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new CommandLine.TypeConversionException("expected a number from " + min + " to " + max + ", found '" + text + "'");
    };
  }
}
