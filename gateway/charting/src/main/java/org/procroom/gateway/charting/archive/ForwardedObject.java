package org.procroom.gateway.charting.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One received object queued for an archive: its file below the data folder and what the archive
 * is told it is. The file is read when it is sent, so the queue holds only this.
 */
public record ForwardedObject(String file, String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ForwardedObject of(JsonNode stored) {
    return new ForwardedObject(stored.path("file").asText(), stored.path("sopClassUid").asText(),
        stored.path("sopInstanceUid").asText(), stored.path("transferSyntaxUid").asText());
  }

  byte[] bytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ForwardedObject read(byte[] payload) throws IOException {
    return JSON.readValue(payload, ForwardedObject.class);
  }
}
