package org.procroom.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One driver's (or one section's) settings, read with typed getters whose errors name the full
 * key, so that the engineer knows which line of the configuration to fix.
 */
public final class DriverSettings {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private final String path;
  private final ObjectNode node;
  private final Path base;
  /** Keys asked for by anyone, shared with nested sections: what a driver knows, to find what it does not. */
  private final java.util.Set<String> asked;

  public DriverSettings(String path, ObjectNode node) {
    this(path, node, Path.of("."));
  }

  /** Settings whose relative file paths are resolved against {@code base} (the configuration file's folder). */
  public DriverSettings(String path, ObjectNode node, Path base) {
    this(path, node, base, java.util.concurrent.ConcurrentHashMap.newKeySet());
  }

  private DriverSettings(String path, ObjectNode node, Path base, java.util.Set<String> asked) {
    this.path = path;
    this.node = node;
    this.base = base;
    this.asked = asked;
  }

  /**
   * Keys present in this section (and its sections) that nobody asked for: settings the driver
   * does not have, most often misspelled. A section read whole through {@link #raw()} counts as asked.
   */
  public java.util.List<String> unasked() {
    java.util.List<String> out = new java.util.ArrayList<>();
    collect(node, path, out);
    return out;
  }

  /** The keys that were asked for in the section {@code sectionKey}, for suggesting the nearest one. */
  public java.util.List<String> askedIn(String sectionKey) {
    String prefix = sectionKey.isEmpty() ? "" : sectionKey + ".";
    return asked.stream().filter(k -> k.startsWith(prefix) && !k.substring(prefix.length()).contains(".")
        && !k.endsWith("/*")).map(k -> k.substring(prefix.length())).sorted().toList();
  }

  private void collect(JsonNode section, String at, java.util.List<String> out) {
    if (asked.contains(at + "/*")) {
      return;
    }
    section.fieldNames().forEachRemaining(name -> {
      String full = at.isEmpty() ? name : at + "." + name;
      JsonNode value = section.get(name);
      if (!asked.contains(full)) {
        out.add(full);
      } else if (value.isObject()) {
        collect(value, full, out);
      }
    });
  }

  /** A file named by a setting, relative paths taken from the configuration file's folder. */
  public Path file(String name) {
    return base.resolve(string(name)).normalize();
  }

  /** Like {@link #file(String)}, with a fallback path for an absent setting. */
  public Path file(String name, String fallback) {
    return base.resolve(string(name, fallback)).normalize();
  }

  /** Full key of this section, e.g. {@code drivers.scanner-1}. */
  public String path() {
    return path;
  }

  public String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  public boolean has(String name) {
    asked.add(key(name));
    JsonNode value = node.get(name);
    return value != null && !value.isNull() && !(value.isTextual() && value.asText().isBlank());
  }

  public String string(String name) {
    return optionalString(name).orElseThrow(() -> new ConfigException(key(name), "required setting is missing"));
  }

  public String string(String name, String fallback) {
    return optionalString(name).orElse(fallback);
  }

  public Optional<String> optionalString(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonNode value = node.get(name);
    if (!value.isValueNode()) {
      throw new ConfigException(key(name), "expected a single value, found " + value.getNodeType());
    }
    return Optional.of(value.asText().trim());
  }

  /** A list given as a YAML sequence of values or as one comma-separated value; {@code fallback} when absent. */
  public java.util.List<String> list(String name, java.util.List<String> fallback) {
    asked.add(key(name));
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    java.util.List<String> items = new java.util.ArrayList<>();
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (!item.isValueNode()) {
          throw new ConfigException(key(name), "expected a list of values, found a " + item.getNodeType() + " in it");
        }
        items.add(item.asText().trim());
      }
    } else if (value.isValueNode()) {
      for (String item : value.asText().split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    } else {
      throw new ConfigException(key(name), "expected a list, found " + value.getNodeType());
    }
    return java.util.List.copyOf(items);
  }

  public int integer(String name, int fallback, int min, int max) {
    if (!has(name)) {
      return fallback;
    }
    String text = string(name);
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ConfigException(key(name), "expected a whole number, found '" + text + "'");
    }
    if (value < min || value > max) {
      throw new ConfigException(key(name), "must be between " + min + " and " + max + ", found " + value);
    }
    return value;
  }

  public boolean bool(String name, boolean fallback) {
    if (!has(name)) {
      return fallback;
    }
    String text = string(name).toLowerCase();
    return switch (text) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new ConfigException(key(name), "expected true or false, found '" + text + "'");
    };
  }

  /** Durations as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}). */
  public Duration duration(String name, Duration fallback) {
    if (!has(name)) {
      return fallback;
    }
    String text = string(name);
    return parseDuration(text).orElseThrow(
        () -> new ConfigException(key(name), "expected a duration like 500ms, 30s or 5m, found '" + text + "'"));
  }

  public static Optional<Duration> parseDuration(String text) {
    Matcher m = SHORT_DURATION.matcher(text.trim());
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return Optional.of(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      });
    }
    try {
      return Optional.of(Duration.parse(text.trim()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
    if (!has(name)) {
      return fallback;
    }
    String text = string(name);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text.replace('-', '_'))) {
        return constant;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase().replace('_', '-'));
    }
    throw new ConfigException(key(name), "expected one of " + allowed + ", found '" + text + "'");
  }

  /** A time zone by its id (e.g. {@code Europe/Berlin}); the system's when absent. */
  public java.time.ZoneId zone(String name) {
    if (!has(name)) {
      return java.time.ZoneId.systemDefault();
    }
    try {
      return java.time.ZoneId.of(string(name));
    } catch (java.time.DateTimeException e) {
      throw new ConfigException(key(name), "unknown time zone '" + string(name) + "'");
    }
  }

  /** A nested section; empty when absent. */
  public DriverSettings section(String name) {
    asked.add(key(name));
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return new DriverSettings(key(name), JsonNodeFactory.instance.objectNode(), base, asked);
    }
    if (!value.isObject()) {
      throw new ConfigException(key(name), "expected a section of settings, found " + value.getNodeType());
    }
    return new DriverSettings(key(name), (ObjectNode) value, base, asked);
  }

  /** The names of this section's entries (a map the room fills, such as one entry per modality), each read on its own. */
  public java.util.List<String> names() {
    java.util.List<String> out = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The section as read from the file; its keys count as asked for (a map of names the room chooses). */
  public ObjectNode raw() {
    asked.add(path + "/*");
    return node;
  }
}
