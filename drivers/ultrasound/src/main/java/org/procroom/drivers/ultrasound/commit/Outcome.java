package org.procroom.drivers.ultrasound.commit;

/**
 * What the gateway answers for one referenced object: committed ({@code failureReason} 0), or one
 * of the Failure Reasons of PS3.3 C.14.1.1 with the gateway's own words for the record.
 */
public record Outcome(Reference reference, int failureReason, String why) {
  public static final int PROCESSING_FAILURE = 0x0110;
  public static final int NO_SUCH_OBJECT_INSTANCE = 0x0112;
  public static final int CLASS_INSTANCE_CONFLICT = 0x0119;
  public static final int REFERENCED_SOP_CLASS_NOT_SUPPORTED = 0x0122;

  public static Outcome committed(Reference reference) {
    return new Outcome(reference, 0, null);
  }

  public boolean isCommitted() {
    return failureReason == 0;
  }
}
