package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v26.segment.MSA;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * An engine that cannot read a message refuses it without naming it (AR, MSA-2 empty): that is the
 * refusal of the one message in flight, parked at once, not a message resent for ever in front of
 * the queue.
 */
class ARefusalThatNamesNoMessageIsParkedTest {
  @TempDir Path dir;

  @Test
  void theMessageInFlightIsParkedAndTheQueueGoesOn() throws Exception {
    int enginePort = FreePort.pick();
    int mllp = FreePort.pick();
    AtomicInteger received = new AtomicInteger();
    ReceivingApplication<Message> engine = new ReceivingApplication<>() {
      @Override
      public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
        try {
          if (received.incrementAndGet() == 1) {
            Message ar = message.generateACK(AcknowledgmentCode.AR, new HL7Exception("message could not be parsed"));
            ((MSA) ar.get("MSA")).getMessageControlID().setValue("");
            return ar;
          }
          return message.generateACK();
        } catch (java.io.IOException e) {
          throw new HL7Exception(e);
        }
      }

      @Override
      public boolean canProcess(Message message) {
        return true;
      }
    };
    try (HapiContext hapi = new DefaultHapiContext();
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      HL7Service server = hapi.newServer(enginePort, false);
      server.registerApplication(engine);
      server.startAndWait();
      try {
        room.env().put("PROCROOM_CHARTING_HL7_URL", "mllp://127.0.0.1:" + enginePort);
        room.env().put("PROCROOM_CHARTING_HL7_ACK_TIMEOUT", "2s");
        room.env().put("PROCROOM_CHARTING_HL7_RECONNECT_INITIAL", "100ms");
        room.env().put("PROCROOM_CHARTING_HL7_RECONNECT_MAX", "500ms");
        room.writeConfig(Room.pcd01(mllp, ""));
        try (Gateway gateway = room.startGateway()) {
          gateway.store().openProcedure("TPI", "SIM-PATIENT", "DOE^JANE", null, gateway.clock().now()).get();
          try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
              Duration.ofMillis(300), Duration.ZERO)) {
            Await.until(Duration.ofSeconds(20), () -> gateway.store().deliveryCounts("hl7").join().get("delivered") >= 2,
                () -> "delivered " + gateway.store().deliveryCounts("hl7").join());
          }
          List<QueuedDelivery> parked = gateway.store().deliveries("hl7", QueuedDelivery.PARKED).join();
          assertEquals(1, parked.size(), "the first message, refused without its id");
          assertTrue(parked.get(0).lastError().startsWith("AR"), parked.get(0).lastError());
          assertEquals(1, parked.get(0).attempts(), "parked at once, not resent");
        }
      } finally {
        server.stopAndWait();
      }
    }
  }
}
