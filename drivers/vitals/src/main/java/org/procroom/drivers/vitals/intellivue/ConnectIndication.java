package org.procroom.drivers.vitals.intellivue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.procroom.gateway.api.Decoded;

/**
 * The beacon an IntelliVue monitor sends to UDP port 24005 (Connect Indication: a ROIV event
 * report of type NOM_NOTI_CONN_INDIC, 0x0D17, with no session header): where the monitor is and on
 * which UDP port it takes Data Export associations.
 *
 * @param ip             from NOM_ATTR_NET_ADDR_INFO (0xF100), dotted
 * @param mac            from the same attribute, as aa:bb:cc:dd:ee:ff
 * @param dataExportPort the UDP port of the Data Export protocol (application 5 over transport 1 in
 *                       NOM_ATTR_PCOL_SUPPORT, 0xF101), or 0 when the beacon names none
 * @param model          the strings of attribute 0x0928 (manufacturer, model number), as sent
 */
public record ConnectIndication(String ip, String mac, int dataExportPort, List<String> model) {
  static final int EVENT_CONNECT_INDICATION = 0x0D17;
  static final int NET_ADDR_INFO = 0xF100;
  static final int PROTOCOL_SUPPORT = 0xF101;
  static final int MODEL = 0x0928;
  private static final int DATA_OUT = 5;
  private static final int UDP = 1;

  /** The beacon read, or why a datagram on the beacon port is not one. */
  public sealed interface Read extends Decoded<ConnectIndication> {
    record Beacon(ConnectIndication value) implements Read, Decoded.Valid<ConnectIndication> {}

    record Invalid(String reason) implements Read, Decoded.Invalid<ConnectIndication> {}
  }

  public static Read read(byte[] datagram) {
    try {
      return parse(ByteBuffer.wrap(datagram));
    } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
      return new Read.Invalid("datagram of " + datagram.length + " bytes ends inside its own structure");
    }
  }

  private static Read parse(ByteBuffer b) {
    int total = b.remaining();
    if (b.getShort() != 0) {
      return new Read.Invalid("not a Data Export nomenclature (the first two bytes are not 00 00)");
    }
    int major = b.get() & 0xFF;
    b.get();
    if (major != 1) {
      return new Read.Invalid("nomenclature version " + major + ", not 1");
    }
    int roType = b.getShort() & 0xFFFF;
    if (roType != 1) {
      return new Read.Invalid(String.format("remote operation type 0x%04X, not an invoke (0x0001)", roType));
    }
    String lengths = lengths(b, total);
    if (lengths != null) {
      return new Read.Invalid(lengths);
    }
    b.getShort(); // invoke id
    int command = b.getShort() & 0xFFFF;
    if (command != 0) {
      return new Read.Invalid(String.format("command 0x%04X, not an event report", command));
    }
    b.getShort(); // argument length, checked with the others below
    b.position(b.position() + 2 + 2 + 2 + 4); // managed object (class, context, handle), event time
    int event = b.getShort() & 0xFFFF;
    if (event != EVENT_CONNECT_INDICATION) {
      return new Read.Invalid(String.format("event type 0x%04X, not a Connect Indication (0x0D17)", event));
    }
    int eventLength = b.getShort() & 0xFFFF;
    if (eventLength != b.remaining()) {
      return new Read.Invalid("event length " + eventLength + " for the " + b.remaining() + " bytes that follow");
    }
    int count = b.getShort() & 0xFFFF;
    int listLength = b.getShort() & 0xFFFF;
    if (listLength != b.remaining()) {
      return new Read.Invalid("attribute list length " + listLength + " for the " + b.remaining() + " bytes that follow");
    }
    String ip = null;
    String mac = null;
    int port = 0;
    List<String> model = List.of();
    for (int i = 0; i < count; i++) {
      int id = b.getShort() & 0xFFFF;
      int length = b.getShort() & 0xFFFF;
      if (length > b.remaining()) {
        return new Read.Invalid(String.format("attribute 0x%04X of %d bytes runs past the datagram", id, length));
      }
      ByteBuffer value = b.slice(b.position(), length);
      b.position(b.position() + length);
      if (id == NET_ADDR_INFO && length >= 10) {
        mac = String.format("%02x:%02x:%02x:%02x:%02x:%02x", value.get(0), value.get(1), value.get(2), value.get(3),
            value.get(4), value.get(5));
        ip = (value.get(6) & 0xFF) + "." + (value.get(7) & 0xFF) + "." + (value.get(8) & 0xFF) + "." + (value.get(9) & 0xFF);
      } else if (id == PROTOCOL_SUPPORT) {
        port = dataExportPort(value, port);
      } else if (id == MODEL) {
        model = strings(value);
      }
    }
    if (b.hasRemaining()) {
      return new Read.Invalid(b.remaining() + " bytes after the " + count + " attributes the list counts");
    }
    if (ip == null) {
      return new Read.Invalid("no network address (NOM_ATTR_NET_ADDR_INFO) in the beacon");
    }
    return new Read.Beacon(new ConnectIndication(ip, mac, port, model));
  }

  /** The two lengths after the remote operation type and the invoke's: each counts every byte after it. */
  private static String lengths(ByteBuffer b, int total) {
    int roLength = b.getShort(6) & 0xFFFF;
    if (roLength != total - 8) {
      return "remote operation length " + roLength + " for a datagram of " + total + " bytes";
    }
    int argLength = b.getShort(12) & 0xFFFF;
    if (argLength != total - 14) {
      return "event report length " + argLength + " for a datagram of " + total + " bytes";
    }
    b.position(8);
    return null;
  }

  private static int dataExportPort(ByteBuffer v, int found) {
    int count = v.getShort(0) & 0xFFFF;
    for (int i = 0; i < count && 4 + i * 8 + 8 <= v.limit(); i++) {
      int at = 4 + i * 8;
      if ((v.getShort(at) & 0xFFFF) == DATA_OUT && (v.getShort(at + 2) & 0xFFFF) == UDP) {
        return v.getShort(at + 4) & 0xFFFF;
      }
    }
    return found;
  }

  /** Length-prefixed strings, trailing NULs dropped. */
  private static List<String> strings(ByteBuffer v) {
    List<String> out = new ArrayList<>();
    int at = 0;
    while (at + 2 <= v.limit()) {
      int length = v.getShort(at) & 0xFFFF;
      if (at + 2 + length > v.limit()) {
        break;
      }
      byte[] text = new byte[length];
      v.get(at + 2, text);
      out.add(new String(text, java.nio.charset.StandardCharsets.ISO_8859_1).replaceAll("\u0000+$", ""));
      at += 2 + length;
    }
    return List.copyOf(out);
  }
}
