package org.procroom.gateway.charting.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a STOW-RS response says about one instance (PS3.18 10.5.3): 200 or 202 with the instance in
 * the Referenced SOP Sequence (0008,1199) is stored; in the Failed SOP Sequence (0008,1198), or a
 * 409, it is refused with its Failure Reason (0008,1197); 401, 403, 408, 429 and 5xx are worth
 * sending again; any other answer is a refusal: a 200 without the Store Instances Response that
 * PS3.18 requires (a wrong base URL, a proxy's page) says nothing of the instance.
 */
record StowAnswer(Kind kind, String words) {
  enum Kind { STORED, SEND_AGAIN, REFUSED }

  private static final ObjectMapper JSON = new ObjectMapper();

  static StowAnswer read(int status, String body, String sopInstanceUid) {
    if (status == 401 || status == 403 || status == 408 || status == 429 || status >= 500) {
      return new StowAnswer(Kind.SEND_AGAIN, "HTTP " + status); // the words may name the patient
    }
    JsonNode json = parse(body);
    JsonNode failed = item(json, "00081198", sopInstanceUid);
    if (failed != null) {
      int reason = failed.path("00081197").path("Value").path(0).asInt(-1);
      return new StowAnswer(Kind.REFUSED, "HTTP " + status + ": failure reason " + (reason < 0 ? "not given"
          : String.format("%04XH", reason)));
    }
    if ((status == 200 || status == 202) && item(json, "00081199", sopInstanceUid) != null) {
      return new StowAnswer(Kind.STORED, "HTTP " + status);
    }
    return new StowAnswer(Kind.REFUSED, "HTTP " + status + (json == null ? "" : ": the instance is in neither the"
        + " referenced nor the failed SOP sequence"));
  }

  /** The item of {@code sequence} for the instance; a response to one instance may leave its UID out. */
  private static JsonNode item(JsonNode json, String sequence, String sopInstanceUid) {
    if (json == null) {
      return null;
    }
    JsonNode items = json.path(sequence).path("Value");
    for (JsonNode i : items) {
      JsonNode uid = i.path("00081155").path("Value").path(0);
      if (uid.isMissingNode() || uid.asText().equals(sopInstanceUid)) {
        return i;
      }
    }
    return null;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode json = JSON.readTree(body);
      // Some servers answer a one-element array of the response data set.
      return json.isArray() ? json.path(0) : json;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
