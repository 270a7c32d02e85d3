package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.procroom.drivers.ultrasound.dimse.DimseCommand;
import org.procroom.drivers.ultrasound.mwl.RisQuery;
import org.procroom.drivers.ultrasound.mwl.WorklistQueries;
import org.procroom.gateway.api.DriverContext;
import org.procroom.gateway.api.ScheduledStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's schedule for the room, fetched from the RIS's Modality Worklist SCP every
 * {@code interval}: the room's station, today in the RIS's zone. A complete answer (final status
 * 0000H) replaces what the RIS scheduled before; a failed or cut-off one changes nothing, so an
 * outage of the RIS leaves the room with what it had.
 */
final class RisWorklist implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RisWorklist.class);
  private static final byte CONTEXT = 1;
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

  /** {@code ris.*}: where the RIS is and what to ask it. */
  record Settings(String calledAe, String host, int port, String aeTitle, String stationAe, String modality,
      String procedureType, ZoneId zone, Duration interval) {}

  /** What the last fetch brought, for the log and /health. */
  record Fetch(int steps, int refused, String trouble) {}

  private final Settings settings;
  private final DriverContext context;
  private final ScheduledExecutorService worker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "ris-worklist");
    t.setDaemon(true);
    return t;
  });
  private volatile String trouble;
  /** The reasons answers were not scheduled at the last fetch: each is logged when it first appears. */
  private java.util.Set<String> refusals = java.util.Set.of();

  RisWorklist(Settings settings, DriverContext context) {
    this.settings = settings;
    this.context = context;
  }

  void start() {
    worker.scheduleWithFixedDelay(this::fetchQuietly, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void fetchQuietly() {
    Fetch f = fetch();
    if (f.trouble() != null) {
      if (!f.trouble().equals(trouble)) {
        LOG.warn("{}: the RIS worklist at {}:{} is not answering; the room keeps the schedule it had: {}",
            context.deviceId(), settings.host(), settings.port(), f.trouble());
      }
    } else if (trouble != null) {
      LOG.info("{}: the RIS worklist answers again: {} step(s) scheduled", context.deviceId(), f.steps());
    }
    trouble = f.trouble();
  }

  /** One query; the schedule is replaced only by a complete answer. */
  Fetch fetch() {
    List<ScheduledStep> steps = new ArrayList<>();
    java.util.Set<String> refusedNow = new java.util.HashSet<>();
    int refused = 0;
    Association association;
    try {
      LinkedList<PresentationContext> contexts = new LinkedList<>();
      contexts.add(new PresentationContext(CONTEXT, WorklistQueries.MWL_FIND,
          new LinkedList<>(List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"))));
      // Our own connection, with timeouts: a hung RIS ends the fetch as trouble, not silence.
      org.procroom.drivers.transport.PeerTunnel tunnel = org.procroom.drivers.transport.PeerTunnel.open(null,
          settings.host(), settings.port(), PEER_TIMEOUT, PEER_TIMEOUT);
      try {
        association = AssociationFactory.createNewAssociation("127.0.0.1", tunnel.port(), settings.calledAe(),
            settings.aeTitle(), contexts, null, false, 0);
      } catch (DicomNetworkException | IOException e) {
        tunnel.close();
        throw e;
      }
    } catch (DicomNetworkException | IOException e) {
      return new Fetch(0, 0, "no association: " + e.getMessage());
    }
    try {
      byte context = association.getSuitablePresentationContextID(WorklistQueries.MWL_FIND);
      AttributeList identifier = RisQuery.identifier(settings.stationAe(),
          this.context.clock().now().atZone(settings.zone()).toLocalDate(), settings.modality());
      ByteArrayOutputStream encoded = new ByteArrayOutputStream();
      try (DicomOutputStream out = new DicomOutputStream(encoded, null,
          association.getTransferSyntaxForPresentationContextID(context))) {
        identifier.write(out);
      }
      association.send(context, DimseCommand.find(WorklistQueries.MWL_FIND, 1), encoded.toByteArray());
      while (true) {
        DimseRequest response = NServiceAcceptor.read(association, settings.calledAe());
        int status = response.integer(0x0900);
        if (status == 0xFF00 || status == 0xFF01) {
          RisQuery.Answer answer = RisQuery.read(response.data(), settings.zone(), settings.procedureType());
          if (answer.step() != null) {
            steps.add(answer.step());
          } else {
            refused++;
            if (refusedNow.add(answer.refusal()) && !refusals.contains(answer.refusal())) {
              LOG.warn("{}: a RIS worklist answer is not scheduled: {}", this.context.deviceId(), answer.refusal());
            }
          }
          continue;
        }
        association.release();
        if (status != 0x0000) {
          return new Fetch(0, refused, String.format("the RIS answered status %04XH", status));
        }
        break;
      }
    } catch (DicomNetworkException | DicomException | IOException | AReleaseException e) {
      try {
        association.abort();
      } catch (DicomNetworkException ignored) {
        // gone already
      }
      return new Fetch(0, refused, "the answer was cut off: " + e.getMessage());
    }
    refusals = refusedNow;
    try {
      int scheduled = context.siteSchedule(steps).toCompletableFuture().get(10, TimeUnit.SECONDS);
      return new Fetch(scheduled, refused, null);
    } catch (Exception e) {
      return new Fetch(0, refused, "the schedule was not stored: " + e.getMessage());
    }
  }

  String trouble() {
    return trouble;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
