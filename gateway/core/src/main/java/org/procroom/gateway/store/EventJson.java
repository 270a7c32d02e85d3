package org.procroom.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.procroom.gateway.api.DeviceEvent;

/** The JSON shape of events on the feed (documented in docs/mqtt.md and docs/schemas/). */
public final class EventJson {
  public static final String EVENT_SCHEMA = "procroom.event/1";
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
      // Registered after JavaTimeModule so that instants keep exactly six fraction digits.
      .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
          .addSerializer(Instant.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, com.fasterxml.jackson.core.JsonGenerator gen,
                com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
              gen.writeString(timestamp(value));
            }
          }));
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private EventJson() {}

  /** UTC with exactly six fraction digits, so that string order is time order. */
  public static String timestamp(Instant instant) {
    return MICROS.format(instant);
  }

  public static JsonNode payloadTree(Object payload) {
    return payload instanceof JsonNode node ? node : MAPPER.valueToTree(payload);
  }

  public static ObjectNode toTree(DeviceEvent e) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", EVENT_SCHEMA);
    root.put("eventId", e.eventId());
    root.put("seq", e.seq());
    root.put("room", e.room());
    if (e.procedureId() == null) {
      root.putNull("procedureId");
      root.putNull("recordSeq");
    } else {
      root.put("procedureId", e.procedureId());
      root.put("recordSeq", e.recordSeq());
    }
    root.putObject("device").put("id", e.deviceId()).put("kind", e.deviceKind());
    root.put("type", e.type());
    if (e.deviceTime() == null) {
      root.putNull("deviceTime");
    } else {
      root.put("deviceTime", timestamp(e.deviceTime()));
    }
    root.put("receivedAt", timestamp(e.receivedAt()));
    root.set("payload", e.payload());
    return root;
  }

  public static byte[] toBytes(JsonNode tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
