package org.procroom.drivers.vitals.s5;

import org.procroom.gateway.api.Decoded;

/** What the S/5 frame decoder produces: a checked record, or an explicit rejection with the reason. */
public sealed interface S5Frame extends Decoded<byte[]> {
  /** The unescaped record bytes between the flags, checksum verified and removed. */
  record Record(byte[] bytes) implements S5Frame, Decoded.Valid<byte[]> {
    public Record {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public byte[] value() {
      return bytes();
    }
  }

  record Invalid(String reason) implements S5Frame, Decoded.Invalid<byte[]> {}
}
