package org.procroom.gateway.charting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.simulators.vitals.Pcd01Simulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.testkit.Await;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;
import org.procroom.testkit.TestPaths;

/**
 * A second, independent HL7 implementation as the interface engine: python-hl7's MLLP server
 * (Debian's python3-hl7) parses what the gateway sends and acknowledges it with its own ACK; the
 * fields the gateway claims are read back by that parser, and its ACKs deliver the messages.
 */
class ChartingToPythonHl7Test {
  @TempDir Path dir;

  private static List<JsonNode> received(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    if (Files.exists(file)) {
      ObjectMapper json = new ObjectMapper();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          out.add(json.readTree(line));
        }
      }
    }
    return out;
  }

  @Test
  void pythonHl7ReadsTheMessagesAndItsAcknowledgementsDeliverThem() throws Exception {
    Path output = dir.resolve("received.jsonl");
    Process engine = new ProcessBuilder("/usr/bin/python3",
        TestPaths.repo().resolve("gateway/runtime/src/test/resources/charting/python_hl7_receiver.py").toString(),
        output.toString()).redirectErrorStream(true).start();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      BufferedReader says = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8));
      String first = says.readLine();
      assertTrue(first != null && first.startsWith("listening "), "python-hl7 did not start: " + first);
      int enginePort = Integer.parseInt(first.substring("listening ".length()).trim());
      int mllp = FreePort.pick();
      room.env().put("PROCROOM_CHARTING_HL7_URL", "mllp://127.0.0.1:" + enginePort);
      room.env().put("PROCROOM_CHARTING_HL7_INTERVAL", "10s");
      room.writeConfig(Room.pcd01(mllp, ""));
      try (Gateway gateway = room.startGateway()) {
        Patients.openFromWorklist(gateway);
        try (Pcd01Simulator monitor = new Pcd01Simulator("127.0.0.1", mllp, "MONA", PhysiologyScript.calm(),
            Duration.ofMillis(300), Duration.ZERO)) {
          Await.until(Duration.ofSeconds(20), () -> {
            try {
              return received(output).size() >= 2 && gateway.store().deliveryCounts("hl7").join().get("delivered") >= 2;
            } catch (Exception e) {
              return false;
            }
          }, () -> "python-hl7 received " + output);
        }
        JsonNode message = received(output).get(0);
        assertEquals("IHE_PCD_001", message.path("profile").asText());
        assertEquals("SIM-PATIENT", message.path("patientId").asText());
        JsonNode device = message.path("obx").path(0);
        assertEquals("69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC", device.path("id").asText());
        assertEquals("X", device.path("status").asText());
        JsonNode metric = message.path("obx").path(1);
        assertEquals("1.0.0.1", metric.path("subId").asText());
        assertEquals("R", metric.path("status").asText());
        assertTrue(metric.path("id").asText().endsWith("^MDC"), metric.toString());
        assertTrue(metric.path("time").asText().matches("\\d{14}\\.\\d{3}\\+0000"), metric.toString());
        assertTrue(metric.path("equipment").asText().startsWith("pcd01^"), metric.toString());
        assertEquals(0L, gateway.store().deliveryCounts("hl7").join().get("parked"));
      }
    } finally {
      engine.destroy();
    }
  }
}
