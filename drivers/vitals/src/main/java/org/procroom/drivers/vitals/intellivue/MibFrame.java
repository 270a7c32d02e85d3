package org.procroom.drivers.vitals.intellivue;

import org.procroom.gateway.api.Decoded;

/**
 * What the MIB/RS-232 frame decoder produces: one Data Export message (the same bytes a LAN
 * datagram carries), checked and without its frame; or an explicit rejection with the reason.
 */
public sealed interface MibFrame extends Decoded<byte[]> {
  record Message(byte[] bytes) implements MibFrame, Decoded.Valid<byte[]> {
    public Message {
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

  record Invalid(String reason) implements MibFrame, Decoded.Invalid<byte[]> {}
}
