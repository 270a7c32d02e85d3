package org.procroom.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.testkit.FeedSubscriber;
import org.procroom.testkit.FreePort;

/**
 * The whole demo, run as the engineer runs it (its own JVM, logs at INFO): its log and every topic
 * it published carry no patient identifier or name, though the record and payloads hold them.
 */
class DemoKeepsPatientDataOutOfLogsAndTopicsTest {
  /** The demo patient's identifiers: the wristband's and the procedure's id, name, accession number. */
  private static final List<String> PATIENT_DATA = List.of("123456789000042425", "DEMO^PATIENT", "ACC-DEMO-1");

  @TempDir Path dir;

  /** The embedded broker listens a moment before it takes clients: retry the first connection. */
  private static FeedSubscriber subscribe(String url) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return new FeedSubscriber(url, "#");
      } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  void aFullDemoRunLogsAndPublishesNoPatientData() throws Exception {
    int brokerPort = FreePort.pick();
    Path output = dir.resolve("demo.out");
    Process demo = DemoRun.start(dir.resolve("data"), output, brokerPort, "demo", "--duration", "35s");
    FreePort.awaitListening(brokerPort, Duration.ofSeconds(60));
    List<FeedSubscriber.Received> published;
    try (FeedSubscriber everything = subscribe("tcp://127.0.0.1:" + brokerPort)) {
      assertTrue(demo.waitFor(120, TimeUnit.SECONDS), "the demo did not end");
      published = everything.all();
    }
    String log = Files.readString(output);
    assertEquals(0, demo.exitValue(), log);

    // The demo prints its timeline (topics and summaries) and the gateway's INFO log to the same output.
    List<String> logLines = log.lines().filter(l -> l.matches("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} (INFO|WARN|ERROR) .*")).toList();
    assertTrue(logLines.size() > 10, "the gateway logged at INFO: " + logLines.size() + " lines");
    for (String line : logLines) {
      for (String secret : PATIENT_DATA) {
        assertFalse(line.contains(secret), "patient data '" + secret + "' in the log: " + line);
      }
    }
    assertTrue(published.size() > 50, "messages seen on the broker: " + published.size());
    for (FeedSubscriber.Received message : published) {
      for (String secret : PATIENT_DATA) {
        assertFalse(message.topic().contains(secret), "patient data in topic " + message.topic());
      }
    }
    // The check can fail: the payloads do carry the patient (the charting system needs it), the topics do not.
    assertTrue(published.stream().anyMatch(m -> m.json().toString().contains(PATIENT_DATA.get(0))),
        "the patient's id travels in payloads");
  }
}
