package org.procroom.drivers.transport;

import java.net.InetAddress;

/** What a {@link BoundedListener} tells its driver; called from the accept thread. */
public interface ListenerEvents {
  /** Accepting again after failures, or for the first time. */
  void listening(String description);

  /** Accept is failing and being retried: the port does not take connections right now. */
  void accepting(String reason);

  /** The listener cannot go on and has closed its socket; the driver reports FAILED and is restarted. */
  void failed(String reason);

  /** A connection was closed unserved: peer not allowed, or a limit reached. */
  void refused(InetAddress peer, Refusal why, String reason);

  /** Why a connection was not served. */
  enum Refusal {
    NOT_ALLOWED,
    TOO_MANY,
    TOO_MANY_FROM_PEER
  }
}
