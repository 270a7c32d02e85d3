package org.procroom.drivers.vitals.s5;

/** What the S/5 frame decoder produces: a checked record, or an explicit rejection with the reason. */
public sealed interface S5Frame {
  /** The unescaped record bytes between the flags, checksum verified and removed. */
  record Record(byte[] bytes) implements S5Frame {
    public Record {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  record Invalid(String reason) implements S5Frame {}
}
