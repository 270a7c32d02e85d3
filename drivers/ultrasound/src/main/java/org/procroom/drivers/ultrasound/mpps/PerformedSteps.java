package org.procroom.drivers.ultrasound.mpps;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Modality Performed Procedure Step state machine (PS3.4 F.7): N-CREATE starts a step IN
 * PROGRESS; N-SET may change it to COMPLETED or DISCONTINUED, after which it is final and any
 * further N-SET is refused (0110H, processing failure). {@link #create} and {@link #set} decide;
 * {@link #apply} takes the decided state once the caller has recorded it.
 */
public final class PerformedSteps {
  public static final String IN_PROGRESS = "IN PROGRESS";
  public static final String COMPLETED = "COMPLETED";
  public static final String DISCONTINUED = "DISCONTINUED";

  public static final int SUCCESS = 0x0000;
  public static final int PROCESSING_FAILURE = 0x0110;
  public static final int DUPLICATE_INSTANCE = 0x0111;
  public static final int NO_SUCH_INSTANCE = 0x0112;
  public static final int INVALID_ATTRIBUTE_VALUE = 0x0106;

  /** The outcome: a DIMSE status, the step's state after it, and a comment for failures. */
  public record Outcome(int status, String state, String comment) {
    public boolean accepted() {
      return status == SUCCESS;
    }
  }

  private final Map<String, String> states = new ConcurrentHashMap<>();

  public PerformedSteps() {}

  /** Resumes the steps known before a restart, step instance UID to state. */
  public PerformedSteps(Map<String, String> known) {
    states.putAll(known);
  }

  public synchronized Outcome create(String uid, String status) {
    if (states.containsKey(uid)) {
      return new Outcome(DUPLICATE_INSTANCE, states.get(uid), "performed procedure step " + uid + " exists already");
    }
    if (!IN_PROGRESS.equals(status)) {
      return new Outcome(INVALID_ATTRIBUTE_VALUE, null, "N-CREATE must have status IN PROGRESS, found '" + status + "'");
    }
    return new Outcome(SUCCESS, IN_PROGRESS, null);
  }

  public synchronized Outcome set(String uid, String status) {
    String current = states.get(uid);
    if (current == null) {
      return new Outcome(NO_SUCH_INSTANCE, null, "no performed procedure step " + uid);
    }
    if (!IN_PROGRESS.equals(current)) {
      return new Outcome(PROCESSING_FAILURE, current, "performed procedure step is already " + current);
    }
    String next = status == null || status.isEmpty() ? current : status;
    if (!next.equals(IN_PROGRESS) && !next.equals(COMPLETED) && !next.equals(DISCONTINUED)) {
      return new Outcome(INVALID_ATTRIBUTE_VALUE, current, "unknown performed procedure step status '" + status + "'");
    }
    return new Outcome(SUCCESS, next, null);
  }

  /** The step is now in {@code state}: an accepted outcome, recorded. */
  public synchronized void apply(String uid, String state) {
    states.put(uid, state);
  }
}
