package org.procroom.gateway.cli;

import java.util.List;

/** A command's {@code --name value} options and positional arguments, refused when the command does not take them. */
public final class Options {
  /** Options that take no value. */
  private static final java.util.Set<String> FLAGS = java.util.Set.of("--latest", "--tree");
  private final List<String> args;

  Options(String command, java.util.Set<String> known, List<String> args) {
    this.args = args;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("-") || a.equals("-")) {
        continue;
      }
      if (!known.contains(a)) {
        throw new Main.UsageException("'" + command + "' has no option " + a
            + org.procroom.gateway.api.SettingNames.suggestion(a, known)
            + (known.isEmpty() ? "" : "; its options: " + String.join(" ", new java.util.TreeSet<>(known))));
      }
      if (!FLAGS.contains(a)) {
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
          throw new Main.UsageException(a + " needs a value");
        }
        i++;
      }
    }
  }

  public String value(String name, String fallback) {
    int i = args.indexOf(name);
    if (i < 0) {
      return fallback;
    }
    if (i + 1 >= args.size()) {
      throw new Main.UsageException(name + " needs a value");
    }
    return args.get(i + 1);
  }

  public boolean flag(String name) {
    return args.contains(name);
  }

  public List<String> positional() {
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
