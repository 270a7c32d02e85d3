package org.procroom.drivers.vitals.s5;

import org.procroom.gateway.api.Decoded;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An S/5 record: the 40-byte header (length, number, DRI level, plug id, monitor time, main type,
 * eight subrecord descriptors) and its subrecords. Little-endian throughout.
 *
 * @param driLevel   DRI interface level (0x02..0x0B)
 * @param time       monitor clock, seconds since 1970
 * @param mainType   0 physiological data, 1 waveform, 4 alarm
 * @param subrecords type and bytes of each subrecord
 */
public record S5Record(int driLevel, Instant time, int mainType, List<Subrecord> subrecords) {
  public static final int HEADER = 40;
  public static final int MAIN_PHYSIOLOGICAL = 0;

  public record Subrecord(int type, ByteBuffer bytes) {}

  /** Parsed record, or why the bytes are not one. */
  public record Parsed(S5Record record, String error) implements Decoded<S5Record> {
    @Override
    public S5Record value() {
      return record;
    }

    @Override
    public String invalidReason() {
      return error;
    }
  }

  public static Parsed parse(byte[] bytes) {
    if (bytes.length < HEADER) {
      return new Parsed(null, "record of " + bytes.length + " bytes is shorter than the 40-byte header");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int length = b.getShort(0);
    if (length != bytes.length) {
      return new Parsed(null, "r_len says " + length + " bytes, the frame holds " + bytes.length);
    }
    int driLevel = b.get(3) & 0xFF;
    Instant time = Instant.ofEpochSecond(b.getInt(6) & 0xFFFFFFFFL);
    int mainType = b.getShort(14);
    List<int[]> descriptors = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int offset = b.getShort(16 + 3 * i);
      int type = b.get(18 + 3 * i) & 0xFF;
      if (type == 0xFF) {
        break;
      }
      if (offset < 0 || HEADER + offset > bytes.length) {
        return new Parsed(null, "subrecord " + i + " offset " + offset + " lies outside the record");
      }
      descriptors.add(new int[] {offset, type});
    }
    List<Subrecord> subrecords = new ArrayList<>();
    for (int i = 0; i < descriptors.size(); i++) {
      int start = HEADER + descriptors.get(i)[0];
      int end = i + 1 < descriptors.size() ? HEADER + descriptors.get(i + 1)[0] : bytes.length;
      if (end < start) {
        return new Parsed(null, "subrecord " + (i + 1) + " starts before subrecord " + i);
      }
      ByteBuffer slice = ByteBuffer.wrap(bytes, start, end - start).slice().order(ByteOrder.LITTLE_ENDIAN);
      subrecords.add(new Subrecord(descriptors.get(i)[1], slice));
    }
    return new Parsed(new S5Record(driLevel, time, mainType, subrecords), null);
  }
}
