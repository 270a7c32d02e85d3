package org.procroom.gateway.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * Two monitors report over MLLP at once; each ORU^R01 is recorded, published and acknowledged AA;
 * a message of another type is refused AR; a peer that hangs up mid-message leaves no event and
 * the listener keeps serving.
 */
class Pcd01OverMllpTest {
  @TempDir Path dir;

  @Test
  void severalMonitorsAreAcknowledgedAfterCommit() throws Exception {
    int port = FreePort.pick();
    PhysiologyScript baseline = PhysiologyScript.calm();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber feed = new FeedSubscriber(broker.url(), "procroom/+/events/pcd01/#");
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.pcd01(port, ""));
      try (Gateway gateway = room.startGateway();
           Pcd01Simulator a = new Pcd01Simulator("127.0.0.1", port, "MONA", baseline, Duration.ofMillis(300), Duration.ZERO);
           Pcd01Simulator b = new Pcd01Simulator("127.0.0.1", port, "MONB", baseline, Duration.ofMillis(300), Duration.ZERO)) {
        Await.until(Duration.ofSeconds(15), () -> a.acknowledgements().size() >= 3 && b.acknowledgements().size() >= 3,
            () -> "acks: " + a.acknowledgements() + " " + b.acknowledgements());
        assertTrue(a.acknowledgements().stream().allMatch("AA"::equals), "AA: " + a.acknowledgements());

        try (Socket peer = new Socket("127.0.0.1", port)) {
          OutputStream out = peer.getOutputStream();
          InputStream in = peer.getInputStream();
          out.write(("\u000bMSH|^~\\&|ADT|H|||20261125103000||ADT^A01|ADT9|P|2.6\r\u001c\r").getBytes(StandardCharsets.UTF_8));
          String ack = new String(in.readNBytes(120), StandardCharsets.UTF_8);
          assertTrue(ack.contains("MSA|AR|ADT9"), ack);
        }
        try (Socket hangsUp = new Socket("127.0.0.1", port)) {
          hangsUp.getOutputStream().write("\u000bMSH|^~\\&|MON|OR|||20261125103000||ORU^R01|HALF|P|2.6\rOBX|1|NM|14".getBytes(
              StandardCharsets.UTF_8));
        }
        int before = a.acknowledgements().size();
        Await.until(Duration.ofSeconds(10), () -> a.acknowledgements().size() > before + 2, () -> "listener stalled");

        List<DeviceEvent> events = gateway.store().events(null).join().stream()
            .filter(e -> e.deviceId().equals("pcd01")).toList();
        List<String> controlIds = events.stream().filter(e -> e.type().equals("vitals.observation"))
            .map(e -> e.payload().path("controlId").asText()).toList();
        assertTrue(controlIds.contains("MONA-1") && controlIds.contains("MONB-1"), "both monitors: " + controlIds);
        assertTrue(controlIds.stream().noneMatch(id -> id.equals("HALF")), "no event from a half message");
        assertEquals(1, events.stream().filter(e -> e.type().equals("vitals.rejected")).count(), "the ADT, once");
        DeviceEvent first = events.stream().filter(e -> e.type().equals("vitals.observation")).findFirst().orElseThrow();
        assertEquals(147842, first.payload().path("observations").path(0).path("mdc").asInt());
        assertEquals("APERIODIC", first.payload().path("observations").path(2).path("method").asText());
        Await.until(Duration.ofSeconds(10), () -> feed.events().size() >= controlIds.size(), () -> "feed");
      }
    }
  }
}
