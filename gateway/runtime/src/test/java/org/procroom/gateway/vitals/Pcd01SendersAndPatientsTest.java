package org.procroom.gateway.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
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
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSchemas;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * Who may put vitals into the record: a sender outside {@code allowedPeers} is refused with an
 * alert naming it; a message for another patient than the open procedure's is quarantined; a
 * monitor in demo mode is kept outside the record; alarm rows become {@code vitals.alarm}.
 */
class Pcd01SendersAndPatientsTest {
  @TempDir Path dir;

  private static final String MSH = "MSH|^~\\&|BeneView^00A037009A0013F2^EUI-64|MINDRAY|||20261125103000+0000||"
      + "ORU^R01^ORU_R01|%s|P|2.6|||AL|NE||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO\r";
  private static final String HR = "OBR|1|||182777000^monitoring of patient^SCT\rOBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.4.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC||%s|||F\r";

  private static String send(String from, int port, String message) throws Exception {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("\u000b" + message + "\u001c\r").getBytes(StandardCharsets.UTF_8));
      InputStream in = s.getInputStream();
      StringBuilder ack = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0 && b != 0x1c) {
        ack.append((char) b);
      }
      return ack.toString();
    } catch (java.net.SocketException closed) {
      return "closed: " + closed.getMessage();
    }
  }

  @Test
  void strangersAreRefusedOtherPatientsQuarantinedDemoDataKeptOutOfTheRecord() throws Exception {
    int port = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.pcd01(port, """
            allowedPeers: [127.0.0.1/32]
            patientIdAuthorities: [HOSP]
            """));
      try (Gateway gateway = room.startGateway()) {
        String refused = send("127.0.0.2", port, MSH.formatted("STRANGER") + HR.formatted(""));
        assertTrue(!refused.contains("MSA|AA"), "no acknowledgement for a stranger: " + refused);

        String procedure = gateway.store().openProcedure("TPI", "MRN-77", java.time.Instant.now()).join().id();
        assertTrue(send("127.0.0.1", port, MSH.formatted("RIGHT") + "PID|||MRN-77^^^HOSP^MR\r" + HR.formatted(""))
            .contains("MSA|AA|RIGHT"));
        assertTrue(send("127.0.0.1", port, MSH.formatted("WRONG") + "PID|||MRN-12^^^HOSP^MR\r" + HR.formatted(""))
            .contains("MSA|AA|WRONG"), "taken (kept in quarantine): the monitor must not resend");
        assertTrue(send("127.0.0.1", port, MSH.formatted("OTHERDOMAIN") + "PID|||99^^^CLINIC^MR\r" + HR.formatted(""))
            .contains("MSA|AA|OTHERDOMAIN"));
        assertTrue(send("127.0.0.1", port, MSH.formatted("DEMO") + HR.formatted("DEMO")).contains("MSA|AA|DEMO"));
        assertTrue(send("127.0.0.1", port, MSH.formatted("ALARM") + HR.formatted("")
            + "OBX|2|ST|196674^MDC_EVT_HI^MDC|1.4.1.1.1|HR HIGH||||||F\r").contains("MSA|AA|ALARM"));

        Await.until(Duration.ofSeconds(10), () -> gateway.store().events(null).join().stream()
            .anyMatch(e -> e.type().equals("vitals.rejected") && "127.0.0.2".equals(e.payload().path("peer").asText())),
            () -> "no vitals.rejected naming the stranger");
        List<DeviceEvent> all = gateway.store().events(null).join();
        DeviceEvent rejected = all.stream().filter(e -> e.type().equals("vitals.rejected")).findFirst().orElseThrow();
        assertEquals("warning", rejected.payload().path("severity").asText(), "an alert");
        assertTrue(rejected.payload().path("reason").asText().contains("127.0.0.2 is not an allowed sender"),
            rejected.payload().toString());

        List<DeviceEvent> record = gateway.store().events(procedure).join();
        List<String> inRecord = record.stream().filter(e -> e.type().startsWith("vitals."))
            .map(e -> e.type() + ":" + e.payload().path("controlId").asText()).toList();
        assertEquals(List.of("vitals.observation:RIGHT", "vitals.observation:OTHERDOMAIN", "vitals.observation:ALARM",
            "vitals.alarm:ALARM"), inRecord, "only the procedure patient's live data is in the record");

        DeviceEvent wrong = all.stream().filter(e -> e.payload().path("controlId").asText().equals("WRONG")).findFirst()
            .orElseThrow();
        assertEquals("vitals.quarantined", wrong.type());
        assertNull(wrong.procedureId(), "outside the record");
        assertEquals("critical", wrong.payload().path("severity").asText());
        DeviceEvent demo = all.stream().filter(e -> e.payload().path("controlId").asText().equals("DEMO")).findFirst()
            .orElseThrow();
        assertEquals("demo", demo.payload().path("mode").asText());
        assertNull(demo.procedureId());
        FeedSchemas schemas = new FeedSchemas();
        for (DeviceEvent e : all) {
          if (e.type().startsWith("vitals.")) {
            assertEquals(java.util.Set.of(), schemas.validateEvent(org.procroom.gateway.store.EventJson.toTree(e)),
                e.type() + " " + e.payload());
          }
        }
      }
    }
  }
}
