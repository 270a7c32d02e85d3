package org.procroom.gateway.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.gateway.api.DeviceEvent;
import org.procroom.gateway.waves.StoredWave;
import org.procroom.testkit.Await;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/**
 * A Mindray monitor's waveform messages over MLLP (its field capture from the PCD-01 corpus, sent
 * once a second with OBR-7/OBR-8 moved on; one second left out) reach the wave store and the live
 * feed as one ECG stream with the missing second stated; the event keeps a summary, not samples.
 */
class Pcd01WaveformsOverMllpTest {
  private static final Path CAPTURE = Path.of("../../drivers/vitals/src/test/resources/org/procroom/drivers/vitals/"
      + "pcd01/corpus/04-mindray-field-capture-waveform.hl7");
  private static final String OBR_TIMES = "20260124131539000+0800|20260124131540000+0800";

  @TempDir Path dir;

  @Test
  void theMonitorsEcgIsStoredAndStreamedWithItsGap() throws Exception {
    String capture = Files.readString(CAPTURE, StandardCharsets.UTF_8).replace('\n', '\r');
    int port = FreePort.pick();
    Instant from = Instant.now().minusSeconds(5);
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FeedSubscriber live = new FeedSubscriber(broker.url(), "procroom/+/waves/pcd01/#");
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.pcd01(port, ""));
      try (Gateway gateway = room.startGateway(); Socket monitor = new Socket("127.0.0.1", port)) {
        // live waves are QoS 0 on a connection of their own: what comes before it is up is not published
        Await.until(Duration.ofSeconds(10), () -> gateway.waveFeed().counts().connected(), () -> "live waves not connected");
        for (int second : new int[] {0, 1, 3}) {
          String message = capture.replace(OBR_TIMES,
              "202601241315" + (39 + second) + "000+0800|202601241315" + (40 + second) + "000+0800");
          assertTrue(send(monitor, message).contains("MSA|AA|1227"), "acknowledged");
          Thread.sleep(second == 1 ? 2000 : 1000);
        }

        gateway.waves().flush();
        List<StoredWave> ecg = gateway.waves().read(from, Instant.now().plusSeconds(60), "pcd01").stream()
            .filter(w -> w.segment().channel().equals("00A037000000 ECG_ELEC_POTL_I 1.7.6.131329")).toList();
        assertEquals(1500, ecg.stream().mapToLong(w -> w.segment().size()).sum(), "three arrays of 500");
        assertEquals(0, ecg.get(0).segment().firstSequence());
        assertNull(ecg.get(1).segment().gapBefore(), "the second array follows the first");
        StoredWave afterGap = ecg.get(2);
        assertEquals(1500, afterGap.segment().firstSequence());
        assertEquals(500, afterGap.segment().gapBefore().missing(), "the second that never came");
        assertEquals(0.001221 * 80, afterGap.segment().value(0), 1e-9, "as sent: 80 steps of 0.001221 mV");
        assertEquals(Duration.ofMillis(2), afterGap.segment().samplePeriod());
        assertTrue(Duration.between(ecg.get(0).start(), Instant.now()).abs().compareTo(Duration.ofSeconds(30)) < 0,
            "on the gateway's clock, though the capture's is January's: " + ecg.get(0).start());

        String topic = "/waves/pcd01/00a037000000-ecg_elec_potl_i-1-7-6-131329";
        Await.until(Duration.ofSeconds(10), () -> live.all().stream().filter(m -> m.topic().endsWith(topic)).count() >= 3,
            () -> "live: " + live.all().stream().map(m -> m.topic()).toList());
        JsonNode first = live.all().stream().filter(m -> m.topic().endsWith(topic)).findFirst().orElseThrow().json();
        assertEquals(List.of("mV", "500"), List.of(first.path("unit").asText(), String.valueOf(first.path("samples").size())));
        assertEquals(java.util.Set.of(), new org.procroom.testkit.FeedSchemas().waveProblems(first), first::toString);

        DeviceEvent event = gateway.store().events(null).join().stream()
            .filter(e -> e.type().equals("vitals.observation")).findFirst().orElseThrow();
        JsonNode wave = event.payload().path("waves").path(0);
        assertEquals(500, wave.path("count").asInt());
        assertEquals(2000, wave.path("periodMicros").asInt());
        assertFalse(wave.has("samples"), "samples live in the wave store: " + wave);
        assertTrue(event.payload().path("waves").path(1).path("missing").asText().contains("no-signal marker 32767"));
      }
    }
  }

  private static String send(Socket socket, String message) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(("\u000b" + message + "\u001c\r").getBytes(StandardCharsets.UTF_8));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder ack = new StringBuilder();
    int b;
    while ((b = in.read()) != -1 && b != 0x1c) {
      ack.append((char) b);
    }
    in.read();
    return ack.toString();
  }
}
