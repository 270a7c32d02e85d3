package org.procroom.drivers.ultrasound.commit;

/**
 * What the gateway answers for one referenced object: committed ({@code failureReason} 0), one of
 * the Failure Reasons of PS3.3 C.14.1.1 with the gateway's own words for the record, or not yet
 * final (an archive has still to confirm it), which no report carries.
 */
public record Outcome(Reference reference, int failureReason, String why) {
  public static final int PROCESSING_FAILURE = 0x0110;
  public static final int NO_SUCH_OBJECT_INSTANCE = 0x0112;
  public static final int CLASS_INSTANCE_CONFLICT = 0x0119;
  public static final int REFERENCED_SOP_CLASS_NOT_SUPPORTED = 0x0122;

  /** Not final yet: held on the box, an archive has still to confirm it. */
  static final int NOT_YET = -1;

  public static Outcome committed(Reference reference) {
    return new Outcome(reference, 0, null);
  }

  public static Outcome notYet(Reference reference, String why) {
    return new Outcome(reference, NOT_YET, why);
  }

  public boolean isCommitted() {
    return failureReason == 0;
  }

  public boolean isFinal() {
    return failureReason != NOT_YET;
  }
}
