package org.procroom.gateway.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How loudly staff must be told of an event. WARNING and CRITICAL also go to the alerts topic. */
public enum Severity {
  OK, INFO, WARNING, CRITICAL;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
