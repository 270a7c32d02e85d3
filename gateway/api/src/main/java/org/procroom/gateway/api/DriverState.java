package org.procroom.gateway.api;

/** Connection state of a device, as staff and the charting system see it. */
public enum DriverState {
  /** Started, not yet talking to the device. */
  STARTING,
  /** Link to the device is up. */
  CONNECTED,
  /** Link lost; the driver is retrying with backoff. */
  RECONNECTING,
  /** The driver cannot run (bad configuration, port missing for good); the reason says why. */
  FAILED,
  /** Stopped on purpose. */
  STOPPED
}
