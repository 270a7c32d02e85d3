package org.procroom.gateway;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.procroom.testkit.BlockedThreadGuard;

/** The guard is wired: blocking an event loop on purpose is caught and reported as a failure. */
class BlockedThreadGuardTest {
  @Test
  void aBlockedEventLoopFailsTheTest() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(100)
        .setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    CountDownLatch done = new CountDownLatch(1);
    try {
      vertx.runOnContext(v -> {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        done.countDown();
      });
      assertTrue(done.await(5, TimeUnit.SECONDS));
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
    }
    AssertionError failure = assertThrows(AssertionError.class, () -> new BlockedThreadGuard().afterEach(null));
    assertTrue(failure.getMessage().contains("blocked"), failure.getMessage());
  }
}
