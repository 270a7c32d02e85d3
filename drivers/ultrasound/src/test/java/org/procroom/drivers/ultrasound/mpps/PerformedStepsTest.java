package org.procroom.drivers.ultrasound.mpps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformedStepsTest {
  private final PerformedSteps steps = new PerformedSteps();

  /** Decides as the modality's request arrives; applies once the gateway has recorded the change. */
  private PerformedSteps.Outcome created(String uid, String status) {
    return applied(uid, steps.create(uid, status));
  }

  private PerformedSteps.Outcome setTo(String uid, String status) {
    return applied(uid, steps.set(uid, status));
  }

  private PerformedSteps.Outcome applied(String uid, PerformedSteps.Outcome outcome) {
    if (outcome.accepted()) {
      steps.apply(uid, outcome.state());
    }
    return outcome;
  }

  @Test
  void startedThenCompletedThenFinal() {
    assertEquals(PerformedSteps.SUCCESS, created("1.1", "IN PROGRESS").status());
    assertEquals(PerformedSteps.SUCCESS, setTo("1.1", "IN PROGRESS").status(), "an update while in progress");
    assertEquals("COMPLETED", setTo("1.1", "COMPLETED").state());
    PerformedSteps.Outcome late = setTo("1.1", "DISCONTINUED");
    assertEquals(PerformedSteps.PROCESSING_FAILURE, late.status());
    assertEquals("performed procedure step is already COMPLETED", late.comment());
  }

  @Test
  void refusals() {
    assertEquals(PerformedSteps.INVALID_ATTRIBUTE_VALUE, created("2.1", "COMPLETED").status());
    assertEquals(PerformedSteps.NO_SUCH_INSTANCE, setTo("2.9", "COMPLETED").status());
    created("2.2", "IN PROGRESS");
    assertEquals(PerformedSteps.DUPLICATE_INSTANCE, created("2.2", "IN PROGRESS").status());
    assertEquals(PerformedSteps.INVALID_ATTRIBUTE_VALUE, setTo("2.2", "PAUSED").status());
  }

  @Test
  void aDecisionNotAppliedLeavesTheStepAsItWas() {
    steps.create("3.1", "IN PROGRESS");
    assertEquals(PerformedSteps.NO_SUCH_INSTANCE, steps.set("3.1", "COMPLETED").status(),
        "a creation that was not recorded did not happen");
  }

  @Test
  void stepsKnownBeforeARestartResume() {
    PerformedSteps resumed = new PerformedSteps(Map.of("4.1", PerformedSteps.IN_PROGRESS, "4.2", PerformedSteps.COMPLETED));
    assertEquals(PerformedSteps.SUCCESS, resumed.set("4.1", "COMPLETED").status());
    assertEquals(PerformedSteps.PROCESSING_FAILURE, resumed.set("4.2", "DISCONTINUED").status());
  }
}
