package org.procroom.drivers.vitals.intellivue;

import java.nio.ByteBuffer;

/** ManagedObjectId: an object's class, its MDS context and its handle in that context (three u16). */
public record ManagedObject(int objectClass, int context, int handle) {
  void put(ByteBuffer b) {
    b.putShort((short) objectClass).putShort((short) context).putShort((short) handle);
  }
}
