package org.procroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Validates feed messages against the published schemas in docs/schemas. */
public final class FeedSchemas {
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final Path dir = TestPaths.repo().resolve("docs/schemas");
  private final Map<String, JsonSchema> cache = new ConcurrentHashMap<>();

  /** Problems with an event envelope and its payload; empty when both conform. */
  public Set<ValidationMessage> validateEvent(JsonNode event) {
    Set<ValidationMessage> problems = new java.util.LinkedHashSet<>(schema("event.schema.json").validate(event));
    String type = event.path("type").asText();
    Path payloadSchema = dir.resolve("payloads/" + type + ".schema.json");
    if (!Files.exists(payloadSchema)) {
      throw new AssertionError("no published schema for payload type " + type + " (" + payloadSchema + ")");
    }
    problems.addAll(schema("payloads/" + type + ".schema.json").validate(event.path("payload")));
    return problems;
  }

  /**
   * Every event a device published conforms, and among them is one of {@code expectedType}: the
   * check the end-to-end device tests make of what reached the broker. Fails naming the first problem.
   */
  public void assertDeviceEventsConform(java.util.List<JsonNode> events, String deviceId, String expectedType) {
    java.util.List<JsonNode> mine = events.stream().filter(e -> e.path("device").path("id").asText().equals(deviceId))
        .toList();
    if (mine.stream().noneMatch(e -> e.path("type").asText().equals(expectedType))) {
      throw new AssertionError("no " + expectedType + " from " + deviceId + " among " + mine.size() + " events");
    }
    for (JsonNode e : mine) {
      Set<ValidationMessage> problems = validateEvent(e);
      if (!problems.isEmpty()) {
        throw new AssertionError(e.path("type").asText() + " from " + deviceId + ": " + problems);
      }
    }
  }

  public Set<ValidationMessage> validateStatus(JsonNode status) {
    return schema("status.schema.json").validate(status);
  }

  /** What is wrong with a live waveform segment (docs/schemas/wave.schema.json); empty when it conforms. */
  public Set<ValidationMessage> waveProblems(JsonNode wave) {
    return schema("wave.schema.json").validate(wave);
  }

  private JsonSchema schema(String name) {
    return cache.computeIfAbsent(name, n -> {
      try (InputStream in = Files.newInputStream(dir.resolve(n))) {
        return FACTORY.getSchema(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
