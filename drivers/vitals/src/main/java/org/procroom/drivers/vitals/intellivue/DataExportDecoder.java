package org.procroom.drivers.vitals.intellivue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.procroom.drivers.vitals.intellivue.DataExportMessage.Link;

/**
 * Reads one message from the monitor (a LAN datagram to the gateway's Data Export socket, or a
 * serial frame's content). Every length field is checked against what follows it; a message that
 * does not fit its own structure is {@link DataExportMessage.Invalid} naming the field.
 */
public final class DataExportDecoder {
  static final int SPDU_DATA = 0xE1;
  static final int SPDU_ACCEPT = 0x0E;
  static final int SPDU_REFUSE = 0x0C;
  static final int SPDU_FINISH = 0x09;
  static final int SPDU_DISCONNECT = 0x0A;
  static final int SPDU_ABORT = 0x19;
  private static final int RO_ERROR = 3;
  private static final int RO_LINKED_RESULT = 5;
  private static final int CMD_EVENT_REPORT = 0;
  private static final int POLL_PROFILE_SUPPORT = 0x0001;
  private static final int POLL_PROFILE_EXT = 0xF001;

  private DataExportDecoder() {}

  public static DataExportMessage read(byte[] message) {
    if (message.length == 0) {
      return new DataExportMessage.Invalid("empty message");
    }
    ByteBuffer b = ByteBuffer.wrap(message);
    try {
      int spdu = message[0] & 0xFF;
      switch (spdu) {
        case SPDU_DATA:
          return data(b);
        case SPDU_ACCEPT:
          return accepted(session(b, "association result"));
        case SPDU_REFUSE:
          session(b, "association refusal");
          return new DataExportMessage.Refused();
        case SPDU_FINISH:
          session(b, "release request");
          return new DataExportMessage.ReleaseRequested();
        case SPDU_DISCONNECT:
          session(b, "release result");
          return new DataExportMessage.Released();
        case SPDU_ABORT:
          session(b, "abort");
          return new DataExportMessage.Aborted();
        case 0x00:
          return new DataExportMessage.Unsupported("a Connect Indication (beacon) on the Data Export socket");
        default:
          return new DataExportMessage.Unsupported(String.format("session SPDU 0x%02X is not a Data Export message", spdu));
      }
    } catch (Wire.Malformed e) {
      return new DataExportMessage.Invalid(e.getMessage());
    }
  }

  /** Skips the SPDU id and checks its length indicator (one byte, or 0xFF and two bytes) against the message. */
  private static ByteBuffer session(ByteBuffer b, String what) {
    b.get();
    int li = Wire.u8(b, what + " session length");
    if (li == 0xFF) {
      li = Wire.u16(b, what + " session length");
    }
    return Wire.exactly(b, li, what + " session");
  }

  /** The poll profile from the ACSE user information (the octets after the single-ASN.1-type tag 0x81). */
  private static DataExportMessage accepted(ByteBuffer s) {
    int at = userInformation(s);
    if (at < 0) {
      throw new Wire.Malformed("association result: no MDSE user information (tag 0x81 after the external 0xBE)");
    }
    s.position(at);
    int first = Wire.u8(s, "association result user information length");
    int length = first < 0x80 ? first
        : first == 0x81 ? Wire.u8(s, "user information length")
        : first == 0x82 ? Wire.u16(s, "user information length") : -1;
    if (length < 0) {
      throw new Wire.Malformed(String.format("association result: user information length form 0x%02X", first));
    }
    ByteBuffer info = Wire.slice(s, length, "association result user information");
    for (String field : new String[] {"protocol version", "nomenclature version", "functional units", "system type",
        "start-up mode"}) {
      Wire.u32(info, "association result " + field);
    }
    Attributes.read(info, "association result options");
    Attributes profiles = Attributes.read(info, "association result application profiles");
    ByteBuffer p = profiles.get(POLL_PROFILE_SUPPORT).orElseThrow(
        () -> new Wire.Malformed("association result without a poll profile (NOM_POLL_PROFILE_SUPPORT)"));
    Wire.u32(p, "poll profile revision");
    long minPoll = Wire.u32(p, "poll profile minimum poll period");
    int rx = (int) Wire.u32(p, "poll profile largest datagram received");
    int tx = (int) Wire.u32(p, "poll profile largest datagram sent");
    Wire.u32(p, "poll profile bandwidth");
    long options = Wire.u32(p, "poll profile options");
    Attributes packages = Attributes.read(p, "poll profile optional packages");
    long extended = packages.get(POLL_PROFILE_EXT).map(e -> Wire.u32(e, "poll profile extension options")).orElse(0L);
    return new DataExportMessage.Accepted(Duration.ofNanos(minPoll * 125_000), rx, tx, options, extended);
  }

  private static int userInformation(ByteBuffer s) {
    byte[] pattern = {0x02, 0x01, 0x02, (byte) 0x81}; // direct reference 2, then the single-ASN.1-type tag
    int external = -1;
    for (int i = s.position(); i < s.limit(); i++) {
      if ((s.get(i) & 0xFF) == 0xBE) {
        external = i;
        break;
      }
    }
    for (int i = Math.max(external, s.position()); external >= 0 && i + pattern.length <= s.limit(); i++) {
      if (s.get(i) == pattern[0] && s.get(i + 1) == pattern[1] && s.get(i + 2) == pattern[2] && s.get(i + 3) == pattern[3]) {
        return i + pattern.length;
      }
    }
    return -1;
  }

  private static DataExportMessage data(ByteBuffer b) {
    int session = Wire.u16(b, "session id");
    if (session != 0xE100) {
      return new DataExportMessage.Unsupported(String.format("session id 0x%04X, not Data Export (0xE100)", session));
    }
    Wire.u16(b, "presentation context");
    int roType = Wire.u16(b, "remote operation type");
    ByteBuffer ro = Wire.exactly(b, Wire.u16(b, "remote operation length"), "remote operation");
    switch (roType) {
      case DataExportRequests.RO_INVOKE:
        return invoke(ro);
      case DataExportRequests.RO_RESULT:
        return result(ro, Link.SINGLE);
      case RO_LINKED_RESULT: {
        int state = Wire.u8(ro, "linked result state");
        Wire.u8(ro, "linked result count");
        Link link = state == 1 ? Link.FIRST : state == 2 ? Link.MIDDLE : state == 3 ? Link.LAST : null;
        if (link == null) {
          return new DataExportMessage.Invalid("linked result state " + state + " (1 first, 2 neither, 3 last)");
        }
        return result(ro, link);
      }
      case RO_ERROR: {
        int invokeId = Wire.u16(ro, "error invoke id");
        int error = Wire.u16(ro, "error value");
        Wire.exactly(ro, Wire.u16(ro, "error length"), "error");
        return new DataExportMessage.RemoteError(invokeId, error);
      }
      default:
        return new DataExportMessage.Unsupported(String.format("remote operation type 0x%04X", roType));
    }
  }

  private static DataExportMessage invoke(ByteBuffer ro) {
    int invokeId = Wire.u16(ro, "invoke id");
    int command = Wire.u16(ro, "invoke command");
    ByteBuffer arg = Wire.exactly(ro, Wire.u16(ro, "invoke length"), "invoke");
    if (command != CMD_EVENT_REPORT && command != DataExportRequests.CMD_CONFIRMED_EVENT_REPORT) {
      return new DataExportMessage.Unsupported("invoke of command " + command + " from the monitor");
    }
    ManagedObject object = object(arg, "event report");
    long eventTime = Wire.u32(arg, "event time");
    int eventType = Wire.u16(arg, "event type");
    ByteBuffer event = Wire.exactly(arg, Wire.u16(arg, "event length"), "event");
    if (eventType == DataExportRequests.EVENT_MDS_CREATE) {
      object(event, "MDS create info");
      Attributes attributes = Attributes.read(event, "MDS create");
      return new DataExportMessage.MdsCreate(invokeId, object, eventTime, attributes);
    }
    return new DataExportMessage.EventReport(invokeId, command == DataExportRequests.CMD_CONFIRMED_EVENT_REPORT,
        object, eventTime, eventType);
  }

  private static DataExportMessage result(ByteBuffer ro, Link link) {
    int invokeId = Wire.u16(ro, "result invoke id");
    int command = Wire.u16(ro, "result command");
    ByteBuffer res = Wire.exactly(ro, Wire.u16(ro, "result length"), "result");
    if (command != DataExportRequests.CMD_CONFIRMED_ACTION) {
      return new DataExportMessage.OtherResult(invokeId, command, 0);
    }
    object(res, "action result");
    int action = Wire.u16(res, "action type");
    ByteBuffer reply = Wire.exactly(res, Wire.u16(res, "action result length"), "action result");
    boolean extended = action == DataExportRequests.ACTION_EXTENDED_POLL;
    if (!extended && action != DataExportRequests.ACTION_POLL) {
      return new DataExportMessage.OtherResult(invokeId, command, action);
    }
    int pollNumber = Wire.u16(reply, "poll number");
    int sequence = extended ? Wire.u16(reply, "poll sequence number") : -1;
    long relative = Wire.u32(reply, "poll relative time");
    LocalDateTime absolute = AbsoluteTime.read(reply, "poll absolute time").orElse(null);
    Wire.u16(reply, "polled object partition");
    int objectClass = Wire.u16(reply, "polled object class");
    int group = Wire.u16(reply, "polled attribute group");
    int contexts = Wire.u16(reply, "poll context count");
    ByteBuffer list = Wire.slice(reply, Wire.u16(reply, "poll list length"), "poll list");
    List<DataExportMessage.PolledObject> objects = new ArrayList<>();
    for (int c = 0; c < contexts; c++) {
      int context = Wire.u16(list, "poll context id");
      int count = Wire.u16(list, "context " + context + " object count");
      ByteBuffer polls = Wire.slice(list, Wire.u16(list, "context " + context + " length"), "context " + context);
      for (int i = 0; i < count; i++) {
        int handle = Wire.u16(polls, "context " + context + " object handle");
        objects.add(new DataExportMessage.PolledObject(context, handle,
            Attributes.read(polls, String.format("object 0x%04X", handle))));
      }
      trailing(polls, "context " + context);
    }
    trailing(list, "poll list");
    trailing(reply, "poll result");
    return new DataExportMessage.PollResult(invokeId, link, pollNumber, sequence, relative, absolute, objectClass,
        group, objects);
  }

  private static ManagedObject object(ByteBuffer b, String where) {
    return new ManagedObject(Wire.u16(b, where + " object class"), Wire.u16(b, where + " object context"),
        Wire.u16(b, where + " object handle"));
  }

  private static void trailing(ByteBuffer b, String where) {
    if (b.hasRemaining()) {
      throw new Wire.Malformed(where + ": " + b.remaining() + " bytes after what its counts cover");
    }
  }
}
