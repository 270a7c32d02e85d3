package org.procroom.testkit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Nothing may block a Vert.x event loop: every "thread blocked" warning Vert.x logs during a test
 * fails that test. Logback feeds the appender (logback-test.xml); JUnit runs the extension after
 * every test (registered by service file, autodetection on).
 */
public final class BlockedThreadGuard extends AppenderBase<ILoggingEvent> implements BeforeEachCallback,
    AfterEachCallback {
  private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    WARNINGS.add(event.getFormattedMessage());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    WARNINGS.clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!WARNINGS.isEmpty()) {
      String first = WARNINGS.get(0);
      int count = WARNINGS.size();
      WARNINGS.clear();
      throw new AssertionError(count + " Vert.x blocked-thread warning(s) during the test; the first: " + first);
    }
  }
}
