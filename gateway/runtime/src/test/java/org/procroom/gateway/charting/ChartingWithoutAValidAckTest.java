package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v26.segment.MSA;
import ca.uhn.hl7v2.model.v26.segment.MSH;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.store.QueuedDelivery;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * HAPI's MLLP receiver as an interface engine that misbehaves: it acknowledges another control id
 * (MSA-2 wrong), then stays silent past the timeout. Neither counts as delivery: the same message
 * goes again, unchanged, until an acknowledgement names it; nothing is lost and nothing is
 * delivered twice.
 */
class ChartingWithoutAValidAckTest {
  @TempDir Path dir;

  /** Answers the first message with a wrong MSA-2, the second (or its resend) late, the rest AA. */
  static final class Engine implements ReceivingApplication<Message> {
    final List<String> received = new CopyOnWriteArrayList<>();

    @Override
    public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
      String id = ((MSH) message.get("MSH")).getMessageControlID().getValue();
      received.add(id);
      try {
        Message ack = message.generateACK();
        if (received.size() == 1) {
          ((MSA) ack.get("MSA")).getMessageControlID().setValue("NOT-" + id);
        } else if (received.size() == 3) {
          Thread.sleep(3500);
        }
        return ack;
      } catch (java.io.IOException e) {
        throw new HL7Exception(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HL7Exception(e);
      }
    }

    @Override
    public boolean canProcess(Message message) {
      return true;
    }
  }

  @Test
  void theSameMessageGoesAgainUntilAnAcknowledgementNamesIt() throws Exception {
    int enginePort = FreePort.pick();
    int mllp = FreePort.pick();
    Engine engine = new Engine();
    try (HapiContext hapi = new DefaultHapiContext();
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      HL7Service server = hapi.newServer(enginePort, false);
      server.registerApplication(engine);
      server.startAndWait();
      try {
        room.env().put("PROCROOM_CHARTING_HL7_URL", "mllp://127.0.0.1:" + enginePort);
        room.env().put("PROCROOM_CHARTING_HL7_INTERVAL", "10s");
        room.env().put("PROCROOM_CHARTING_HL7_ACK_TIMEOUT", "2s");
        room.env().put("PROCROOM_CHARTING_HL7_RECONNECT_INITIAL", "100ms");
        room.env().put("PROCROOM_CHARTING_HL7_RECONNECT_MAX", "500ms");
        room.writeConfig(Room.pcd01(mllp, ""));
        try (Gateway gateway = room.startGateway()) {
          gateway.store().openProcedure("TPI", "SIM-PATIENT", "DOE^JANE", null, gateway.clock().now()).get();
          try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
              Duration.ofMillis(300), Duration.ZERO)) {
            Await.until(Duration.ofSeconds(30), () -> gateway.store().deliveryCounts("hl7").join().get("delivered") >= 4,
                () -> "delivered " + gateway.store().deliveryCounts("hl7").join() + "; the engine got " + engine.received);
          }
          Await.until(Duration.ofSeconds(30), () -> gateway.store().deliveryCounts("hl7").join().get("pending") == 0,
              () -> "still pending: " + gateway.store().deliveryCounts("hl7").join());
          List<String> ids = engine.received;
          String first = ids.get(0);
          assertEquals(first, ids.get(1), "the wrong MSA-2 did not count: the same message went again");
          assertEquals(ids.get(2), ids.get(3), "the late acknowledgement did not count: the same message went again");
          List<QueuedDelivery> delivered = gateway.store().deliveries("hl7", QueuedDelivery.DELIVERED).join();
          assertEquals(ids.stream().distinct().count(), delivered.size(), "every message received is delivered once");
          assertEquals(delivered.stream().map(QueuedDelivery::key).toList(), ids.stream().distinct().toList(),
              "in the order they were recorded");
          assertTrue(delivered.get(0).attempts() >= 2, "the first needed a second attempt: " + delivered.get(0));
          assertEquals(0L, gateway.store().deliveryCounts("hl7").join().get("parked"));
        }
      } finally {
        server.stopAndWait();
      }
    }
  }
}
