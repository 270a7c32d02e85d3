package org.procroom.drivers.vitals.pcd01;

/** What the MLLP decoder produces: one HL7 message, or an explicit rejection. */
public sealed interface MllpFrame {
  /** The message between the start block and the end block, as text (HL7 v2 uses CR between segments). */
  record Message(String text) implements MllpFrame {}

  record Invalid(String reason) implements MllpFrame {}
}
