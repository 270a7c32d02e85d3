package org.procroom.drivers.serial;

import org.procroom.gateway.api.Driver;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.DriverState;

/** A driver for a line-oriented device: the line source's lifecycle and state reports; subclasses map lines to events. */
public abstract class LineDriver implements Driver, LineListener {
  private final LineTransportOptions options;
  protected DriverContext context;
  private LineSource source;

  protected LineDriver(LineTransportOptions options) {
    this.options = options;
  }

  @Override
  public void start(DriverContext context) {
    this.context = context;
    source = LineSource.open(context.deviceId(), options, context.clock(), this);
    source.start();
  }

  @Override
  public void stop() {
    if (source != null) {
      source.stop();
    }
  }

  @Override
  public void onReceived(int length) {
    context.received(length);
  }

  @Override
  public void onState(DriverState state, String reason) {
    context.state(state, reason);
  }
}
