package org.procroom.drivers.ultrasound.mpps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PerformedStepsTest {
  private final PerformedSteps steps = new PerformedSteps();

  @Test
  void startedThenCompletedThenFinal() {
    assertEquals(PerformedSteps.SUCCESS, steps.create("1.1", "IN PROGRESS").status());
    assertEquals(PerformedSteps.SUCCESS, steps.set("1.1", "IN PROGRESS").status(), "an update while in progress");
    assertEquals("COMPLETED", steps.set("1.1", "COMPLETED").state());
    PerformedSteps.Outcome late = steps.set("1.1", "DISCONTINUED");
    assertEquals(PerformedSteps.PROCESSING_FAILURE, late.status());
    assertEquals("performed procedure step is already COMPLETED", late.comment());
  }

  @Test
  void refusals() {
    assertEquals(PerformedSteps.INVALID_ATTRIBUTE_VALUE, steps.create("2.1", "COMPLETED").status());
    assertEquals(PerformedSteps.NO_SUCH_INSTANCE, steps.set("2.9", "COMPLETED").status());
    steps.create("2.2", "IN PROGRESS");
    assertEquals(PerformedSteps.DUPLICATE_INSTANCE, steps.create("2.2", "IN PROGRESS").status());
    assertEquals(PerformedSteps.INVALID_ATTRIBUTE_VALUE, steps.set("2.2", "PAUSED").status());
  }
}
