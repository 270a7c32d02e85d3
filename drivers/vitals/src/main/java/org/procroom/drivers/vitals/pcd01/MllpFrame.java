package org.procroom.drivers.vitals.pcd01;

import org.procroom.gateway.api.Decoded;

/** What the MLLP decoder produces: one HL7 message, or an explicit rejection. */
public sealed interface MllpFrame extends Decoded<String> {
  /** The message between the start block and the end block, as text (HL7 v2 uses CR between segments). */
  record Message(String text) implements MllpFrame, Decoded.Valid<String> {
    @Override
    public String value() {
      return text;
    }
  }

  record Invalid(String reason) implements MllpFrame, Decoded.Invalid<String> {}
}
