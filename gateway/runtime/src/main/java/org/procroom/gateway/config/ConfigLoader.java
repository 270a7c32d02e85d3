package org.procroom.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.SettingNames;

/**
 * Builds the effective configuration: built-in {@code reference.yaml}, then the room's file, then
 * the environment. An environment variable names a key by its path: {@code PROCROOM_} + each level
 * in capitals with camelCase words and non-alphanumerics turned into {@code _}. It overrides an
 * existing key, or adds one to an existing section (e.g. a driver's {@code baud}).
 */
public final class ConfigLoader {
  private static final String PREFIX = "PROCROOM_";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  public static ObjectNode load(Path file, Map<String, String> env) {
    ObjectNode reference = reference();
    ObjectNode effective = reference.deepCopy();
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("--config", "no configuration file at " + file.toAbsolutePath());
      }
      try {
        JsonNode room = YAML.readTree(file.toFile());
        if (room != null && !room.isMissingNode() && !room.isNull()) {
          if (!room.isObject()) {
            throw new ConfigException(file.toString(), "expected a map of settings at the top level");
          }
          merge(effective, (ObjectNode) room);
        }
      } catch (IOException e) {
        throw new ConfigException(file.toString(), "not valid YAML: " + e.getMessage());
      }
    }
    env.entrySet().stream()
        .filter(e -> e.getKey().startsWith(PREFIX))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> override(effective, List.of(e.getKey().substring(PREFIX.length()).split("_")), e.getValue()));
    refuseUnknown(effective, reference, "");
    return effective;
  }

  /** Sections whose keys are names the room chooses (device ids, staff ids), checked by their owners. */
  private static final Set<String> OPEN_SECTIONS = Set.of("drivers", "dashboard.users", "charting.archives");

  /**
   * A key the reference does not have is a mistake: a misspelled {@code mqtt.urll} must not leave
   * the room on a broker nobody reads. The error names the key and the nearest known one.
   */
  static void refuseUnknown(JsonNode effective, JsonNode reference, String path) {
    effective.fieldNames().forEachRemaining(key -> {
      String full = path.isEmpty() ? key : path + "." + key;
      JsonNode known = reference.get(key);
      if (known == null) {
        List<String> siblings = new ArrayList<>();
        reference.fieldNames().forEachRemaining(siblings::add);
        throw new ConfigException(full, "not a setting" + SettingNames.suggestion(key, siblings)
            + (path.isEmpty() ? "" : "; the settings of " + path + " are " + String.join(", ", siblings)));
      }
      if (!OPEN_SECTIONS.contains(full) && known.isObject() && effective.get(key).isObject()) {
        refuseUnknown(effective.get(key), known, full);
      }
    });
  }

  static ObjectNode reference() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/reference.yaml")) {
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("reference.yaml missing from the gateway jar", e);
    }
  }

  /** Lays {@code over} onto {@code base}, section by section. */
  static void merge(ObjectNode base, ObjectNode over) {
    over.fields().forEachRemaining(entry -> {
      JsonNode existing = base.get(entry.getKey());
      if (existing instanceof ObjectNode baseSection && entry.getValue() instanceof ObjectNode overSection) {
        merge(baseSection, overSection);
      } else {
        base.set(entry.getKey(), entry.getValue());
      }
    });
  }

  /** The environment name of a key: {@code clientId} -> {@code CLIENT_ID}, {@code scanner-1} -> {@code SCANNER_1}. */
  static String envName(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(Locale.ROOT);
  }

  private static boolean override(ObjectNode node, List<String> tokens, String value) {
    for (int take = tokens.size(); take >= 1; take--) {
      String name = String.join("_", tokens.subList(0, take));
      for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!envName(key).equals(name)) {
          continue;
        }
        List<String> rest = tokens.subList(take, tokens.size());
        if (rest.isEmpty()) {
          if (node.get(key).isContainerNode()) {
            return false;
          }
          node.put(key, value);
          return true;
        }
        if (node.get(key) instanceof ObjectNode section) {
          if (override(section, rest, value)) {
            return true;
          }
          section.put(camelCase(rest), value);
          return true;
        }
      }
    }
    return false;
  }

  private static String camelCase(List<String> words) {
    List<String> parts = new ArrayList<>();
    for (String word : words) {
      String lower = word.toLowerCase(Locale.ROOT);
      parts.add(parts.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
    }
    return String.join("", parts);
  }
}
