package org.procroom.drivers.vitals.intellivue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.procroom.gateway.api.Decoded;

/**
 * What an IntelliVue monitor sends after its beacon, read by {@link DataExportDecoder}: the
 * association's answers, the MDS Create Event Report, poll results, remote errors; anything else
 * is an explicit {@link Invalid} or {@link Unsupported} with its reason.
 */
public sealed interface DataExportMessage extends Decoded<DataExportMessage> {
  /** The message itself when valid (the decoded value is the message). */
  @Override
  default DataExportMessage value() {
    return this;
  }

  /** Association Result, accepted: the poll profile the monitor granted. */
  record Accepted(Duration minPollPeriod, int maxMtuRx, int maxMtuTx, long options, long extendedOptions)
      implements DataExportMessage, Decoded.Valid<DataExportMessage> {}

  /** Association refused (session refuse SPDU). */
  record Refused() implements DataExportMessage, Decoded.Valid<DataExportMessage> {}

  /** The monitor asks to end the association (session finish SPDU). */
  record ReleaseRequested() implements DataExportMessage, Decoded.Valid<DataExportMessage> {}

  /** The monitor's answer to our release request (session disconnect SPDU). */
  record Released() implements DataExportMessage, Decoded.Valid<DataExportMessage> {}

  /** The monitor aborted the association. */
  record Aborted() implements DataExportMessage, Decoded.Valid<DataExportMessage> {}

  /**
   * MDS Create Event Report: the monitor's description of itself, which must be answered with the
   * same invoke id, object and event time ({@link DataExportRequests#mdsCreateResult}).
   */
  record MdsCreate(int invokeId, ManagedObject mds, long eventTime, Attributes attributes)
      implements DataExportMessage, Decoded.Valid<DataExportMessage> {}

  /** An event report other than the MDS Create; kept as its type and object. */
  record EventReport(int invokeId, boolean confirmed, ManagedObject object, long eventTime, int eventType)
      implements DataExportMessage, Decoded.Valid<DataExportMessage> {}

  /** How a result is linked to the others answering the same invoke. */
  enum Link { SINGLE, FIRST, MIDDLE, LAST }

  /**
   * A poll result (single or extended; {@code sequence} is -1 for a single poll), one part of it
   * when the monitor splits a result over linked messages.
   *
   * @param relativeTime the monitor's relative time of the poll, in 125 us ticks
   * @param absoluteTime the monitor's wall clock (local time), when it sends one
   */
  record PollResult(int invokeId, Link link, int pollNumber, int sequence, long relativeTime,
      LocalDateTime absoluteTime, int objectClass, int attributeGroup, List<PolledObject> objects)
      implements DataExportMessage, Decoded.Valid<DataExportMessage> {
    public PollResult {
      objects = List.copyOf(objects);
    }
  }

  /** One object in a poll result: its MDS context, its handle and the attributes polled. */
  record PolledObject(int context, int handle, Attributes attributes) {}

  /** A result the gateway did not ask for by that command (a get or set result, an unknown action). */
  record OtherResult(int invokeId, int commandType, int actionType)
      implements DataExportMessage, Decoded.Valid<DataExportMessage> {}

  /** The monitor refused an invoke (ROER): which one and its error value. */
  record RemoteError(int invokeId, int errorValue) implements DataExportMessage, Decoded.Valid<DataExportMessage> {}

  /** Well formed, but not a message this gateway takes (named). */
  record Unsupported(String reason) implements DataExportMessage, Decoded.Invalid<DataExportMessage> {
    @Override
    public DataExportMessage value() {
      return null;
    }
  }

  /** Bytes that do not fit the structure they claim; the reason names the field. */
  record Invalid(String reason) implements DataExportMessage, Decoded.Invalid<DataExportMessage> {
    @Override
    public DataExportMessage value() {
      return null;
    }
  }
}
