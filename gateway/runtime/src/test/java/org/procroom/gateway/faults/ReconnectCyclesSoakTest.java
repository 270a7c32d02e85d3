package org.procroom.gateway.faults;

import org.junit.jupiter.api.Tag;

/** The same reconnect cycles 200 times each: run by {@code ./procroom soak}, not by the suite. */
@Tag("soak")
class ReconnectCyclesSoakTest extends ReconnectCyclesLeakNothingTest {
  @Override
  int cycles() {
    return 200;
  }
}
