package org.procroom.simulators.ultrasound;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A DIMSE command set as the simulated modality writes it (PS3.7 E.1: group 0000, implicit VR
 * little endian, group length first), by hand and apart from the gateway's encoder.
 */
final class CommandSet {
  private final ByteBuffer body = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);

  CommandSet ushort(int element, int value) {
    body.putShort((short) 0).putShort((short) element).putInt(2).putShort((short) value);
    return this;
  }

  /** A UID, padded with NUL to an even length. */
  CommandSet uid(int element, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    int padded = bytes.length + bytes.length % 2;
    body.putShort((short) 0).putShort((short) element).putInt(padded).put(bytes);
    if (padded > bytes.length) {
      body.put((byte) 0);
    }
    return this;
  }

  byte[] bytes() {
    ByteBuffer all = ByteBuffer.allocate(12 + body.position()).order(ByteOrder.LITTLE_ENDIAN);
    all.putShort((short) 0).putShort((short) 0).putInt(4).putInt(body.position());
    all.put(body.array(), 0, body.position());
    return all.array();
  }
}
