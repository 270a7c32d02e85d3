package org.procroom.gateway.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.config.ConfigLoader;
import org.procroom.gateway.config.GatewayConfig;
import org.procroom.gateway.doctor.Finding.Level;
import org.procroom.simulators.cable.VirtualSerialCable;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/** The doctor against real things on this machine: a pty, a taken port, Mosquitto, a dead broker address. */
class DoctorTest {
  /** `chronyc -c tracking` of chronyd 4.3 synchronised to a local chronyd server (captured on this machine). */
  static final String CHRONY_SYNCED = "7F000001,127.0.0.1,9,1795608126.168549952,-0.000001591,0.000000021,"
      + "0.000000100,-0.021,0.000,0.056,0.000005857,0.000000512,0.3,Normal";
  /** `chronyc -c tracking` of chronyd 4.3 with no time source (captured on this machine). */
  static final String CHRONY_UNSYNCED = "00000000,,0,0.000000000,0.000000000,0.000000000,0.000000000,0.000,0.000,"
      + "0.000,1.000000000,1.000000000,0.0,Not synchronised";

  @TempDir Path dir;

  @Test
  void eachCheckReportsWhatItFoundOnThisMachine() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         VirtualSerialCable cable = VirtualSerialCable.open(dir, "scanner");
         ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      cable.plug();
      int httpPort = FreePort.pick();
      GatewayConfig config = config("""
          room: room-9
          data: {dir: %s}
          http: {host: 127.0.0.1, port: %d}
          mqtt: {url: "%s"}
          drivers:
            scanner-1: {type: barcode-scanner, port: %s}
            monitor-1: {type: ge-s5, port: %s}
            pcd01: {type: ihe-pcd01, bindAddress: 127.0.0.1, port: %d}
            pump-1: {type: infusion-pump}
          """.formatted(dir.resolve("data"), httpPort, broker.url(), cable.gatewayEnd(), dir.resolve("no-such-tty"),
          squatter.getLocalPort()));

      List<Finding> findings = new Doctor(config, clock(Optional.of(CHRONY_SYNCED))).run();

      assertFinding(findings, Level.OK, "gateway", "/health", "not running");
      assertFinding(findings, Level.OK, "serial", "scanner-1", "present, readable and writable");
      assertFinding(findings, Level.FAIL, "serial", "monitor-1", "no-such-tty does not exist");
      assertFinding(findings, Level.FAIL, "port", "pcd01", "cannot be bound");
      assertFinding(findings, Level.FAIL, "config", "pump-1", "unknown driver type 'infusion-pump'");
      assertFinding(findings, Level.OK, "port", "http", "127.0.0.1:" + httpPort + " free");
      assertFinding(findings, Level.OK, "broker", broker.url(), "accepts our connection");
      assertFinding(findings, Level.OK, "clock", "chrony", "synchronised, offset -0.002 ms from 127.0.0.1 (stratum 9)");
      assertFinding(findings, Level.OK, "disk", dir.resolve("data").toString(), "GiB free");
    }
  }

  @Test
  void anUnreachableBrokerIsAFailureNamingTheAddress() throws Exception {
    String url = "tcp://127.0.0.1:" + FreePort.pick();
    GatewayConfig config = config("""
        data: {dir: %s}
        http: {port: %d}
        mqtt: {url: "%s"}
        """.formatted(dir, FreePort.pick(), url));
    List<Finding> findings = new Doctor(config, clock(Optional.empty())).run();
    assertFinding(findings, Level.FAIL, "broker", url, "refused or unreachable");
    assertFinding(findings, Level.WARN, "clock", "time sync", "no time synchronisation service answers");
  }

  @Test
  void clockFindingsFromChronyAndTimedatectl() {
    assertEquals(Level.FAIL, Doctor.chronyFinding(CHRONY_UNSYNCED).level());
    assertTrue(Doctor.chronyFinding(CHRONY_UNSYNCED).message().startsWith("not synchronised"));
    // The synchronised report with the system time 0.8 s off: synchronised, but past what device skew checks tolerate.
    Finding drifting = Doctor.chronyFinding(CHRONY_SYNCED.replace("-0.000001591", "0.800000000"));
    assertEquals(Level.WARN, drifting.level());
    assertTrue(drifting.message().contains("offset 800.000 ms"), drifting.message());
    assertEquals("unreadable tracking report: 506 Cannot talk to daemon",
        Doctor.chronyFinding("506 Cannot talk to daemon").message());
  }

  @Test
  void timedatectlSaysWhetherNtpSynchronised() throws Exception {
    GatewayConfig config = config("data: {dir: " + dir + "}\nmqtt: {url: embedded}\n");
    List<Finding> unsynced = new java.util.ArrayList<>();
    new Doctor(config, clock(Optional.empty(), "Timezone=UTC\nNTP=yes\nNTPSynchronized=no\n")).clock(unsynced);
    assertEquals(Level.FAIL, unsynced.get(0).level());
    List<Finding> synced = new java.util.ArrayList<>();
    new Doctor(config, clock(Optional.empty(), "Timezone=UTC\nNTP=yes\nNTPSynchronized=yes\n")).clock(synced);
    assertEquals(Level.OK, synced.get(0).level());
  }

  private GatewayConfig config(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("gateway.yaml"), yaml);
    // Driver files are found beside the checkout's configuration: the shipped formulary and recall list.
    return GatewayConfig.from(ConfigLoader.load(file, Map.of()), dir,
        Path.of(System.getProperty("procroom.repo")).resolve("config"));
  }

  private static Doctor.ClockSource clock(Optional<String> chrony) {
    return clock(chrony, null);
  }

  private static Doctor.ClockSource clock(Optional<String> chrony, String timedatectl) {
    return new Doctor.ClockSource() {
      @Override
      public Optional<String> chronyTracking() {
        return chrony;
      }

      @Override
      public Optional<String> timedatectl() {
        return Optional.ofNullable(timedatectl);
      }
    };
  }

  private static void assertFinding(List<Finding> findings, Level level, String check, String subject, String text) {
    Finding match = findings.stream().filter(f -> f.check().equals(check) && f.subject().equals(subject)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + check + " finding for " + subject + " in " + findings));
    assertEquals(level, match.level(), match.toString());
    assertTrue(match.message().contains(text), match.toString());
  }
}
