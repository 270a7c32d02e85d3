package org.procroom.simulators.vitals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;

/**
 * What the simulated IntelliVue monitor sends, encoded here apart from the gateway's codec: the
 * association result, the MDS Create Event Report, poll results (numerics, alert monitor, patient
 * demographics, empty), the release result and the abort; and its MIB/RS-232 framing.
 */
final class IntellivueMessages {
  /** The association result a real monitor sent (an M8000 in a public capture; see the driver's test sources). */
  static final byte[] ASSOCIATION_RESULT = HexFormat.of().parseHex(
      "0ece0508130100160102800014020002c1be3180a0808001010000a280a00300"
      + "0001a58030808001008102510100003080800100810c2a8648ce140201000000"
      + "02010000000061803080020101a0806180a180060c2a8648ce14020100000003"
      + "010000a203020100a305a103020100be80288002010281488000000040000000"
      + "000000000080000080000000000000000001002c000100288000000000000fa0"
      + "000002bc000003e4ffffffff600000000001000cf00100088800000000000000"
      + "00000000000000000000000000000000");
  static final byte[] RELEASE_RESULT = HexFormat.of().parseHex("0a18c11661803080020101a08063808001000000000000000000");
  static final byte[] ABORT = HexFormat.of().parseHex(
      "192e110103c129a080a0803080020101060251010000000061803080020101a080648080010100000000000000000000");

  private IntellivueMessages() {}

  /** One numeric: physiological id, unit code, value as mantissa and exponent, measurement state. */
  record Numeric(int physio, int unit, int mantissa, int exponent, int state) {
    static Numeric of(int physio, int unit, double value, int decimals) {
      return new Numeric(physio, unit, (int) Math.round(value * Math.pow(10, decimals)), -decimals, 0);
    }

    void put(ByteBuffer b) {
      b.putShort((short) physio).putShort((short) state).putShort((short) unit)
          .putInt((exponent << 24) | (mantissa & 0xFFFFFF));
    }
  }

  /** A polled object: its handle and encoded attribute list. */
  record Polled(int handle, byte[] attributes) {}

  /** An alarm of the alert monitor's lists. */
  record Alarm(int source, int code, int type, int state, String text) {}

  static byte[] mdsCreate(int invokeId, long relativeTime, LocalDateTime wallClock) {
    byte[] attrs = attributes(
        attribute(0x0928, concat(label("Philips"), label("MX800"))),
        attribute(0x0987, bcd(wallClock)),
        attribute(0x098F, ByteBuffer.allocate(4).putInt((int) relativeTime).array()),
        attribute(0x09A7, new byte[] {0, 6}));
    ByteBuffer event = ByteBuffer.allocate(6 + attrs.length);
    event.put(mds()).put(attrs);
    ByteBuffer arg = ByteBuffer.allocate(6 + 4 + 4 + event.capacity());
    arg.put(mds()).putInt((int) relativeTime).putShort((short) 0x0D06).putShort((short) event.capacity())
        .put(event.array());
    return data(1, invoke(invokeId, 1, arg.array()));
  }

  /**
   * The Connect Indication a monitor broadcasts: an event report (0x0D17) with no session header,
   * naming its address (NOM_ATTR_NET_ADDR_INFO) and its Data Export port (NOM_ATTR_PCOL_SUPPORT).
   */
  static byte[] connectIndication(byte[] ip, int dataExportPort) {
    byte[] address = ByteBuffer.allocate(14).put(new byte[] {0x00, 0x09, (byte) 0xFB, 0x00, 0x00, 0x01}).put(ip)
        .put(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x00}).array();
    byte[] protocols = ByteBuffer.allocate(4 + 16).putShort((short) 2).putShort((short) 16)
        .putShort((short) 1).putShort((short) 1).putShort((short) dataExportPort).putShort((short) 0) // ACSE over UDP
        .putShort((short) 5).putShort((short) 1).putShort((short) dataExportPort).putShort((short) 0) // Data Export
        .array();
    byte[] attrs = attributes(attribute(0xF100, address), attribute(0xF101, protocols),
        attribute(0x0928, concat(label("Philips"), label("MX800"))));
    ByteBuffer arg = ByteBuffer.allocate(6 + 4 + 4 + attrs.length);
    arg.put(new byte[] {0x00, 0x23, 0, 0, 0, 0}).putInt(0).putShort((short) 0x0D17).putShort((short) attrs.length)
        .put(attrs);
    byte[] roiv = invoke(0, 0, arg.array());
    return ByteBuffer.allocate(8 + roiv.length).put(new byte[] {0, 0, 1, 0}).putShort((short) 1)
        .putShort((short) roiv.length).put(roiv).array();
  }

  /** A poll result; {@code extended} adds the sequence number (action 0xF13B, else 0x0C16). */
  static byte[] pollResult(int invokeId, boolean extended, int pollNumber, int sequence, long relativeTime,
      int objectClass, int group, List<Polled> objects) {
    ByteArrayOutputStream polls = new ByteArrayOutputStream();
    for (Polled o : objects) {
      polls.write(o.handle() >> 8);
      polls.write(o.handle());
      polls.writeBytes(o.attributes());
    }
    ByteBuffer reply = ByteBuffer.allocate(2 + (extended ? 2 : 0) + 4 + 8 + 6 + 4 + 6 + polls.size());
    reply.putShort((short) pollNumber);
    if (extended) {
      reply.putShort((short) sequence);
    }
    reply.putInt((int) relativeTime).putLong(-1L); // no wall clock, as the real monitor sends
    reply.putShort((short) 1).putShort((short) objectClass).putShort((short) group);
    reply.putShort((short) 1).putShort((short) (6 + polls.size())); // one context
    reply.putShort((short) 0).putShort((short) objects.size()).putShort((short) polls.size()).put(polls.toByteArray());
    ByteBuffer result = ByteBuffer.allocate(6 + 4 + reply.capacity());
    result.put(mds()).putShort((short) (extended ? 0xF13B : 0x0C16)).putShort((short) reply.capacity())
        .put(reply.array());
    ByteBuffer rors = ByteBuffer.allocate(6 + result.capacity());
    rors.putShort((short) invokeId).putShort((short) 7).putShort((short) result.capacity()).put(result.array());
    return data(2, rors.array());
  }

  static byte[] numerics(List<Numeric> values) {
    ByteBuffer b = ByteBuffer.allocate(10);
    if (values.size() == 1) {
      values.get(0).put(b);
      return attributes(attribute(0x0950, b.array()));
    }
    ByteBuffer compound = ByteBuffer.allocate(4 + 10 * values.size());
    compound.putShort((short) values.size()).putShort((short) (10 * values.size()));
    values.forEach(v -> v.put(compound));
    return attributes(attribute(0x094B, compound.array()));
  }

  static byte[] alarms(List<Alarm> physiological, List<Alarm> technical) {
    return attributes(attribute(0x0902, alarmList(physiological)), attribute(0x0904, alarmList(technical)));
  }

  private static byte[] alarmList(List<Alarm> alarms) {
    ByteArrayOutputStream entries = new ByteArrayOutputStream();
    for (Alarm a : alarms) {
      byte[] text = string(a.text());
      ByteBuffer info = ByteBuffer.allocate(10 + text.length);
      info.putShort((short) 0).putInt((2 << 16) | a.source()).putShort((short) priority(a.type())).putShort((short) 0)
          .put(text);
      ByteBuffer e = ByteBuffer.allocate(18 + info.capacity());
      e.putShort((short) a.source()).putShort((short) a.code()).putShort((short) a.type()).putShort((short) a.state())
          .putShort((short) 6).putShort((short) 1).putShort((short) 0x0100)
          .putShort((short) 516).putShort((short) info.capacity()).put(info.array());
      entries.writeBytes(e.array());
    }
    return ByteBuffer.allocate(4 + entries.size()).putShort((short) alarms.size()).putShort((short) entries.size())
        .put(entries.toByteArray()).array();
  }

  private static int priority(int type) {
    return (type & 0x0404) != 0 ? 2 : (type & 0x0202) != 0 ? 1 : 0;
  }

  static byte[] demographics(String id, String family, String given) {
    return attributes(attribute(0x095A, string(id)), attribute(0x095C, string(family)),
        attribute(0x095D, string(given)), attribute(0x0957, new byte[] {0, (byte) (id.isEmpty() ? 0 : 2)}));
  }

  /** A String: byte length and UTF-16 big-endian, padded with a NUL to a whole number of words. */
  static byte[] string(String text) {
    byte[] utf16 = (text + "\u0000").getBytes(StandardCharsets.UTF_16BE);
    return ByteBuffer.allocate(2 + utf16.length).putShort((short) utf16.length).put(utf16).array();
  }

  private static byte[] label(String text) {
    byte[] ascii = (text + (text.length() % 2 == 0 ? "\u0000\u0000" : "\u0000")).getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(2 + ascii.length).putShort((short) ascii.length).put(ascii).array();
  }

  static byte[] bcd(LocalDateTime t) {
    int[] parts = {t.getYear() / 100, t.getYear() % 100, t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
        t.getMinute(), t.getSecond(), t.getNano() / 10_000_000};
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) ((parts[i] / 10) << 4 | parts[i] % 10);
    }
    return out;
  }

  static byte[] attribute(int id, byte[] value) {
    return ByteBuffer.allocate(4 + value.length).putShort((short) id).putShort((short) value.length).put(value).array();
  }

  static byte[] attributes(byte[]... list) {
    byte[] all = concat(list);
    return ByteBuffer.allocate(4 + all.length).putShort((short) list.length).putShort((short) all.length).put(all)
        .array();
  }

  private static byte[] mds() {
    return new byte[] {0x00, 0x21, 0, 0, 0, 0};
  }

  private static byte[] invoke(int invokeId, int command, byte[] argument) {
    return ByteBuffer.allocate(6 + argument.length).putShort((short) invokeId).putShort((short) command)
        .putShort((short) argument.length).put(argument).array();
  }

  private static byte[] data(int roType, byte[] apdu) {
    return ByteBuffer.allocate(8 + apdu.length).put(new byte[] {(byte) 0xE1, 0, 0, 2}).putShort((short) roType)
        .putShort((short) apdu.length).put(apdu).array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A MIB/RS-232 frame: BOF, escaped header, message and FCS-16 (low byte first), EOF. */
  static byte[] frame(byte[] message) {
    byte[] body = concat(new byte[] {0x11, 0x01, (byte) (message.length >> 8), (byte) message.length}, message);
    int crc = 0xFFFF;
    for (byte value : body) {
      crc ^= value & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
      }
    }
    crc ^= 0xFFFF;
    body = concat(body, new byte[] {(byte) crc, (byte) (crc >> 8)});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xC0);
    for (byte value : body) {
      int v = value & 0xFF;
      if (v == 0xC0 || v == 0xC1 || v == 0x7D) {
        out.write(0x7D);
        out.write(v ^ 0x20);
      } else {
        out.write(v);
      }
    }
    out.write(0xC1);
    return out.toByteArray();
  }
}
