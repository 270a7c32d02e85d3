package org.procroom.drivers.vitals.intellivue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An AttributeList: attribute value assertions (u16 id, u16 length, value), in the order sent. */
public record Attributes(List<Attribute> list) {
  public static final Attributes NONE = new Attributes(List.of());

  public Attributes {
    list = List.copyOf(list);
  }

  /** One attribute; its value is a read-only view of the message. */
  public record Attribute(int id, ByteBuffer value) {
    public Attribute {
      value = value.asReadOnlyBuffer();
    }

    @Override
    public ByteBuffer value() {
      return value.duplicate();
    }
  }

  /** The first attribute with this id. */
  public Optional<ByteBuffer> get(int id) {
    return list.stream().filter(a -> a.id() == id).findFirst().map(Attribute::value);
  }

  /** Reads count, length and the attributes; each length must fit the list's, the list's the message's. */
  static Attributes read(ByteBuffer b, String where) {
    int count = Wire.u16(b, where + " attribute count");
    int length = Wire.u16(b, where + " attribute list length");
    ByteBuffer list = Wire.slice(b, length, where + " attribute list");
    List<Attribute> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int id = Wire.u16(list, where + " attribute " + (i + 1) + " of " + count + " id");
      int valueLength = Wire.u16(list, String.format("%s attribute 0x%04X length", where, id));
      out.add(new Attribute(id, Wire.slice(list, valueLength, String.format("%s attribute 0x%04X", where, id))));
    }
    if (list.hasRemaining()) {
      throw new Wire.Malformed(where + " attribute list: " + list.remaining() + " bytes after its " + count
          + " attributes");
    }
    return new Attributes(out);
  }
}
