package org.procroom.gateway.api;

/**
 * Creates drivers of one configuration {@code type}. Factories are found with
 * {@link java.util.ServiceLoader}, so a driver module joins the gateway by being on the classpath.
 */
public interface DriverFactory {
  /** The {@code type} value in the configuration, for example {@code barcode-scanner}. */
  String type();

  /** The device kind recorded on every event of these drivers. */
  String deviceKind();

  /**
   * Reads and validates the driver's settings.
   *
   * @throws ConfigException naming the offending setting
   */
  Driver create(DriverSettings settings);

  /** What drivers of these (valid) settings open on the box: listening ports and serial lines. */
  default java.util.List<Endpoint> endpoints(DriverSettings settings) {
    return java.util.List.of();
  }
}
