package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v26.segment.MSA;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    int mllp = FreePort.pick();
    try (InterfaceEngine engine = InterfaceEngine.start((message, nth) -> {
           if (nth > 1) {
             return message.generateACK();
           }
           Message ar = message.generateACK(AcknowledgmentCode.AR, new HL7Exception("message could not be parsed"));
           ((MSA) ar.get("MSA")).getMessageControlID().setValue("");
           return ar;
         });
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      engine.chartFrom(room, "2s");
      room.writeConfig(Room.pcd01(mllp, ""));
      try (Gateway gateway = room.startGateway()) {
        Patients.openFromWorklist(gateway);
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
    }
  }
}
