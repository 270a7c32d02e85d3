package org.procroom.drivers.vitals.intellivue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The messages the gateway sends to an IntelliVue monitor, as LAN datagrams (a serial link frames
 * the same bytes). Big-endian throughout. Layouts as docs/notes-intellivue-research.md reads them
 * from the open implementations; tests hold each against their published bytes.
 */
public final class DataExportRequests {
  /** Session SPDU "data" and presentation context 2: the first four bytes of every Data Export message. */
  static final byte[] DATA_HEADER = {(byte) 0xE1, 0x00, 0x00, 0x02};
  static final int RO_INVOKE = 1;
  static final int RO_RESULT = 2;
  static final int CMD_CONFIRMED_EVENT_REPORT = 1;
  static final int CMD_CONFIRMED_ACTION = 7;
  static final int ACTION_POLL = 0x0C16;
  static final int ACTION_EXTENDED_POLL = 0xF13B;
  static final int ATTR_TIME_PD_POLL = 0xF13E;
  static final int EVENT_MDS_CREATE = 0x0D06;
  static final int CLASS_MDS = 0x0021;
  static final int PARTITION_OBJECT = 1;

  /** Session connect parameters the open implementations send unchanged (PI 0x05 and PI 0x14). */
  private static final byte[] SESSION_PARAMETERS = HexFormat.of().parseHex("0508130100160102800014020002");
  /** The presentation and ACSE header of the request up to the user information's tag (0x81). */
  private static final byte[] AARQ_PRESENTATION = HexFormat.of().parseHex(
      "3180a0808001010000a280a003000001a4803080020101060452010001308006"
      + "025101000000003080020102060c2a8648ce14020100000001013080060c2a86"
      + "48ce140201000000020100000000000061803080020101a0806080a180060c2a"
      + "8648ce14020100000003010000be802880060c2a8648ce140201000000010102"
      + "010281");
  private static final int PRESENTATION_TRAILER = 16;
  private static final byte[] RELEASE_REQUEST = HexFormat.of().parseHex(
      "0918c11661803080020101a08062808001000000000000000000");
  private static final byte[] RELEASE_RESULT = HexFormat.of().parseHex(
      "0a18c11661803080020101a08063808001000000000000000000");
  private static final byte[] ABORT = HexFormat.of().parseHex(
      "192e110103c129a080a0803080020101060251010000000061803080020101a0"
      + "80648080010100000000000000000000");

  private DataExportRequests() {}

  /**
   * What the gateway asks for when it associates: the poll profile (revision 0x80000000) with its
   * minimum poll period, the largest datagrams each way, no bandwidth limit, dynamic object creation
   * and deletion, the extended-poll options, and optionally how many objects of each class the
   * gateway can hold.
   */
  public record PollProfile(Duration minPollPeriod, int maxMtuRx, int maxMtuTx, int extendedOptions,
      List<ObjectSupport> objectSupport) {
    public PollProfile {
      objectSupport = List.copyOf(objectSupport);
    }
  }

  /** One entry of the MDIB object support list: an object class and the most instances of it. */
  public record ObjectSupport(int objectClass, int maxInstances) {}

  /** The Association Request (session connect SPDU 0x0D with the ACSE AARQ and the MDSE user information). */
  public static byte[] associationRequest(PollProfile profile) {
    ByteBuffer info = ByteBuffer.allocate(512);
    info.putInt(0x80000000); // protocol version
    info.putInt(0x40000000); // nomenclature version
    info.putInt(0); // functional units
    info.putInt(0x80000000); // system type: manager
    info.putInt(0x20000000); // start-up mode: cold
    info.putInt(0); // option list: none
    ByteBuffer profiles = ByteBuffer.allocate(256);
    int count = 1;
    profiles.putShort((short) 0x0001).putShort((short) 40); // NOM_POLL_PROFILE_SUPPORT
    profiles.putInt(0x80000000); // poll profile revision
    profiles.putInt(relativeTime(profile.minPollPeriod()));
    profiles.putInt(profile.maxMtuRx()).putInt(profile.maxMtuTx()).putInt(0xFFFFFFFF); // no bandwidth limit
    profiles.putInt(0x60000000); // dynamic create and delete of objects
    profiles.putShort((short) 1).putShort((short) 12); // optional packages: one, 12 bytes
    profiles.putShort((short) 0xF001).putShort((short) 8); // NOM_ATTR_POLL_PROFILE_EXT
    profiles.putInt(profile.extendedOptions()).putInt(0); // its options, no extension attributes
    if (!profile.objectSupport().isEmpty()) {
      count++;
      int entries = profile.objectSupport().size();
      profiles.putShort((short) 0x0102).putShort((short) (4 + 8 * entries)); // NOM_MDIB_OBJ_SUPPORT
      profiles.putShort((short) entries).putShort((short) (8 * entries));
      for (ObjectSupport o : profile.objectSupport()) {
        profiles.putShort((short) PARTITION_OBJECT).putShort((short) o.objectClass()).putInt(o.maxInstances());
      }
    }
    info.putShort((short) count).putShort((short) profiles.position()).put(profiles.flip());
    byte[] userInfo = bytes(info.flip());

    ByteArrayOutputStream presentation = new ByteArrayOutputStream();
    presentation.writeBytes(AARQ_PRESENTATION);
    presentation.writeBytes(asnLength(userInfo.length));
    presentation.writeBytes(userInfo);
    presentation.writeBytes(new byte[PRESENTATION_TRAILER]);

    ByteArrayOutputStream session = new ByteArrayOutputStream();
    session.writeBytes(SESSION_PARAMETERS);
    session.write(0xC1); // user data
    session.writeBytes(lengthIndicator(presentation.size()));
    session.writeBytes(presentation.toByteArray());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x0D); // connect SPDU
    out.writeBytes(lengthIndicator(session.size()));
    out.writeBytes(session.toByteArray());
    return out.toByteArray();
  }

  /**
   * The answer to the monitor's MDS Create Event Report: a result for the same invoke id and
   * managed object, echoing the report's event time, with no attributes.
   */
  public static byte[] mdsCreateResult(int invokeId, ManagedObject mds, long eventTime) {
    ByteBuffer b = ByteBuffer.allocate(28);
    b.put(DATA_HEADER);
    b.putShort((short) RO_RESULT).putShort((short) 20);
    b.putShort((short) invokeId).putShort((short) CMD_CONFIRMED_EVENT_REPORT).putShort((short) 14);
    mds.put(b);
    b.putInt((int) eventTime).putShort((short) EVENT_MDS_CREATE).putShort((short) 0);
    return b.array();
  }

  /**
   * A single poll (NOM_ACT_POLL_MDIB_DATA) of every object of {@code objectClass} in the MDS, for
   * attribute group {@code attributeGroup} (0: the default set).
   */
  public static byte[] poll(int invokeId, int pollNumber, int objectClass, int attributeGroup) {
    ByteBuffer b = action(invokeId, ACTION_POLL, 8);
    b.putShort((short) pollNumber).putShort((short) PARTITION_OBJECT).putShort((short) objectClass)
        .putShort((short) attributeGroup);
    return b.array();
  }

  /**
   * An extended poll (NOM_ACT_POLL_MDIB_DATA_EXT): with a {@code period} the monitor keeps sending
   * results that long (NOM_ATTR_TIME_PD_POLL); without one it answers once.
   */
  public static byte[] extendedPoll(int invokeId, int pollNumber, int objectClass, int attributeGroup, Duration period) {
    int attributes = period == null ? 0 : 8;
    ByteBuffer b = action(invokeId, ACTION_EXTENDED_POLL, 12 + attributes);
    b.putShort((short) pollNumber).putShort((short) PARTITION_OBJECT).putShort((short) objectClass)
        .putShort((short) attributeGroup);
    b.putShort((short) (period == null ? 0 : 1)).putShort((short) attributes);
    if (period != null) {
      b.putShort((short) ATTR_TIME_PD_POLL).putShort((short) 4).putInt(relativeTime(period));
    }
    return b.array();
  }

  /** The Association Release Request (session finish SPDU 0x09). */
  public static byte[] releaseRequest() {
    return RELEASE_REQUEST.clone();
  }

  /** The answer to the monitor's release request (session disconnect SPDU 0x0A). */
  public static byte[] releaseResult() {
    return RELEASE_RESULT.clone();
  }

  /** The Association Abort (session abort SPDU 0x19). */
  public static byte[] abort() {
    return ABORT.clone();
  }

  /** A confirmed action on the MDS (class, context 0, handle 0), scope 0, with room for its argument. */
  private static ByteBuffer action(int invokeId, int actionType, int argumentLength) {
    int actionLength = 14 + argumentLength;
    ByteBuffer b = ByteBuffer.allocate(4 + 4 + 6 + actionLength);
    b.put(DATA_HEADER);
    b.putShort((short) RO_INVOKE).putShort((short) (6 + actionLength));
    b.putShort((short) invokeId).putShort((short) CMD_CONFIRMED_ACTION).putShort((short) actionLength);
    new ManagedObject(CLASS_MDS, 0, 0).put(b);
    b.putInt(0); // scope
    b.putShort((short) actionType).putShort((short) argumentLength);
    return b;
  }

  /** A duration in the protocol's relative time: units of 125 microseconds. */
  static int relativeTime(Duration d) {
    long units = d.toNanos() / 125_000;
    if (units < 0 || units > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("not a relative time: " + d);
    }
    return (int) units;
  }

  /** Session length indicator: one byte below 255, else 0xFF and two bytes. */
  private static byte[] lengthIndicator(int length) {
    return length < 255 ? new byte[] {(byte) length} : new byte[] {(byte) 0xFF, (byte) (length >> 8), (byte) length};
  }

  /** ASN.1 length of the user information: one byte below 128, else 0x82 and two bytes. */
  private static byte[] asnLength(int length) {
    return length < 128 ? new byte[] {(byte) length} : new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
