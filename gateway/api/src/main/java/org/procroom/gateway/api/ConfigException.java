package org.procroom.gateway.api;

/** A setting is missing or wrong. The message starts with the full key, e.g. {@code drivers.scanner-1.baud}. */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
