package org.procroom.drivers.ultrasound.scp;

import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.Severity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.procroom.drivers.transport.Throttle;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.EventDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission of a DICOM association: the A-ASSOCIATE-RQ must arrive within the admission timeout
 * and come from an allowed calling AE title on its host; a stranger gets an A-ASSOCIATE-RJ and a
 * {@code dicom.rejected} alert. Complaints about one peer reach the log and the record once per
 * interval, with a count, so a flood of bad requests cannot flood either.
 */
final class AssociationGate {
  private static final Logger LOG = LoggerFactory.getLogger(AssociationGate.class);
  /** PixelMed's reads time out after this once the association is up. */
  private static final int ASSOCIATION_READ_TIMEOUT_MS = 30_000;

  /** One allowed caller: AE title and the host it must come from (null: any host). */
  record Caller(String aeTitle, InetAddress host) {}

  /** Payload of {@code dicom.rejected}. */
  record Rejected(String callingAe, String host, String reason, Severity severity) {}

  private final DriverContext context;
  private final List<Caller> allowed;
  private final Duration admissionTimeout;
  private final Throttle complaints = new Throttle(Duration.ofSeconds(60));

  AssociationGate(DriverContext context, List<Caller> allowed, Duration admissionTimeout) {
    this.context = context;
    this.allowed = List.copyOf(allowed);
    this.admissionTimeout = admissionTimeout;
  }

  /** An AE title as it may be logged: control and non-ASCII bytes shown as '?', so a peer cannot forge log lines. */
  static String printable(String ae) {
    StringBuilder out = new StringBuilder(ae.length());
    for (char c : ae.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return out.toString();
  }

  /** The caller's association request, or null when the association must not go on (already answered). */
  AssociateRequest admit(Socket socket) {
    InetAddress peer = socket.getInetAddress();
    AssociateRequest request;
    try {
      socket.setSoTimeout((int) admissionTimeout.toMillis());
      request = AssociateRequest.read(socket.getInputStream());
      socket.setSoTimeout(ASSOCIATION_READ_TIMEOUT_MS);
    } catch (IOException e) {
      // A failed TLS handshake shows here too (wrong or missing certificate, plain TCP on the TLS port).
      long held = complaints.pass(peer.getHostAddress() + "/invalid");
      if (held >= 0) {
        LOG.warn("{}: {}", context.deviceId(), complaints.withCount(peer.getHostAddress()
            + " sent no valid association request within " + admissionTimeout.toSeconds() + " s: " + e.getMessage(), held));
      }
      return null;
    }
    boolean known = allowed.stream().anyMatch(c -> c.aeTitle().equals(request.callingAe())
        && (c.host() == null || c.host().equals(peer)));
    if (known) {
      return request;
    }
    // One complaint per peer per interval, whatever AE titles a flood makes up.
    long held = complaints.pass(peer.getHostAddress() + "/rejected");
    if (held >= 0) {
      String callingAe = printable(request.callingAe());
      String reason = complaints.withCount("calling AE title '" + callingAe + "' from " + peer.getHostAddress()
          + " is not on the allow-list", held);
      LOG.warn("{}: association rejected: {}", context.deviceId(), reason);
      context.emit(new EventDraft(EventTypes.DICOM_REJECTED, null, context.clock().now(), new Rejected(callingAe,
          peer.getHostAddress(), reason, Severity.WARNING), true));
    }
    try {
      socket.getOutputStream().write(AssociateRequest.REJECT_CALLING_AE);
      socket.getOutputStream().flush();
    } catch (IOException ignored) {
      // the peer may already be gone; the refusal is recorded either way
    }
    return null;
  }
}
