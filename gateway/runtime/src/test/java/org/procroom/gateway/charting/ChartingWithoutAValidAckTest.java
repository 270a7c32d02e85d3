package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * HAPI's MLLP receiver as an interface engine that misbehaves: it acknowledges another control id
 * (MSA-2 wrong), then stays silent past the timeout. Neither counts as delivery: the same message
 * goes again, unchanged, until an acknowledgement names it; nothing is lost and nothing is
 * delivered twice.
 */
class ChartingWithoutAValidAckTest {
  @TempDir Path dir;

  /** Answers the first message with a wrong MSA-2, the third (the second's first attempt) late, the rest AA. */
  private static Message answer(Message message, int nth) throws Exception {
    Message ack = message.generateACK();
    if (nth == 1) {
      ((MSA) ack.get("MSA")).getMessageControlID().setValue("NOT-" + InterfaceEngine.controlId(message));
    } else if (nth == 3) {
      Thread.sleep(3500);
    }
    return ack;
  }

  @Test
  void theSameMessageGoesAgainUntilAnAcknowledgementNamesIt() throws Exception {
    int mllp = FreePort.pick();
    try (InterfaceEngine engine = InterfaceEngine.start(ChartingWithoutAValidAckTest::answer);
         MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      engine.chartFrom(room, "2s");
      room.writeConfig(Room.pcd01(mllp, ""));
      try (Gateway gateway = room.startGateway()) {
        Patients.openFromWorklist(gateway);
        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
            Duration.ofMillis(300), Duration.ZERO)) {
          Await.until(Duration.ofSeconds(30), () -> gateway.store().deliveryCounts("hl7").join().get("delivered") >= 4,
              () -> "delivered " + gateway.store().deliveryCounts("hl7").join() + "; the engine got " + engine.controlIds());
        }
        Await.until(Duration.ofSeconds(30), () -> gateway.store().deliveryCounts("hl7").join().get("pending") == 0,
            () -> "still pending: " + gateway.store().deliveryCounts("hl7").join());
        List<String> ids = engine.controlIds();
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
    }
  }
}
