package org.procroom.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.simulators.cable.VirtualSerialCable;
import org.procroom.simulators.vitals.IntellivueSimulator;
import org.procroom.simulators.vitals.PhysiologyScript;
import org.procroom.simulators.vitals.S5Simulator;
import org.procroom.testkit.MosquittoBroker;

/**
 * The room page sweeps the monitors' waves live beside the numbers: the IntelliVue's ECG, pleth
 * and respiration over UDP and the S/5's ECG, pressure, pleth, CO2 and respiration over a pty,
 * each strip drawing at its own rate in its colour, at the wall screen's size and a tablet's.
 * Screenshots: target/screenshots/dashboard-waves-*.png.
 */
class LiveWaveStripsInChromiumTest {
  @TempDir Path dir;

  @Test
  void bothMonitorsWavesSweepOnThePage() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url());
         VirtualSerialCable cable = VirtualSerialCable.open(dir.resolve("pty"), "monitor-2")) {
      IntellivueSimulator intellivue = IntellivueSimulator.lan(0, PhysiologyScript.calm(), Duration.ZERO,
          java.time.ZoneId.systemDefault());
      room.writeConfig(Room.intellivue(intellivue.port(), "") + """
          monitor-2:
            type: ge-s5
            port: %s
            requestInterval: 1s
          """.formatted(cable.gatewayEnd()));
      try (IntellivueSimulator closing = intellivue; Gateway gateway = room.startGateway();
           S5Simulator s5 = new S5Simulator(cable.deviceEnd().toString(), PhysiologyScript.calm(), Duration.ZERO);
           Browser browser = new Browser(dir.resolve("chromium"))) {
        browser.driver.get("http://127.0.0.1:" + gateway.httpPort() + "/");
        List<String> strips = List.of("monitor-1/II", "monitor-1/Pleth", "monitor-1/Resp", "monitor-2/ECG1",
            "monitor-2/INVP1", "monitor-2/PLETH", "monitor-2/CO2", "monitor-2/RESP");
        // Three seconds of every wave drawn: at 300 or 500 samples a second for an ECG
        browser.wait.withTimeout(Duration.ofSeconds(30)).until(d -> strips.stream().allMatch(s -> drawn(browser, s) > 0)
            && drawn(browser, "monitor-1/II") > 1500 && drawn(browser, "monitor-2/ECG1") > 900);
        browser.screenshot("dashboard-waves-wall");

        for (String s : strips) {
          Map<?, ?> ink = ink(browser, s);
          assertTrue(((Number) ink.get("lit")).intValue() > 300, s + ": a drawn line, " + ink);
        }
        List<Number> ecg = colourOf(browser, "monitor-1/II");
        assertTrue(ecg.get(1).intValue() > ecg.get(0).intValue() + 60 && ecg.get(1).intValue() > ecg.get(2).intValue() + 60,
            "ECG in green: " + ecg);
        List<Number> pleth = colourOf(browser, "monitor-2/PLETH");
        assertTrue(pleth.get(2).intValue() > pleth.get(0).intValue() + 60 && pleth.get(1).intValue() > pleth.get(0).intValue() + 60,
            "pleth in cyan: " + pleth);
        assertEquals(List.of("ECG1", "INVP1", "PLETH", "CO2", "RESP"), browser.driver.findElements(
            By.cssSelector(".wave[data-device='monitor-2']")).stream().map(e -> e.getAttribute("data-channel")).toList(),
            "a bedside monitor's order");
        String label = browser.driver.findElement(By.cssSelector(".wave[data-device='monitor-2'][data-channel='CO2'] .label"))
            .getText();
        assertTrue(label.startsWith("CO2 \u00b7 monitor-2 \u00b7 %"), label);

        browser.driver.manage().window().setSize(new Dimension(1024, 768));
        long before = drawn(browser, "monitor-1/Pleth");
        browser.wait.until(d -> drawn(browser, "monitor-1/Pleth") > before + 250);
        long width = ((Number) browser.driver.executeScript("return document.querySelector(\".wave[data-channel='II'] canvas\")"
            + ".getBoundingClientRect().width")).longValue();
        assertTrue(width > 900, "a strip across the tablet's width: " + width);
        browser.driver.executeScript("document.querySelector('#waves').scrollIntoView()");
        browser.screenshot("dashboard-waves-tablet");
      }
    }
  }

  private static long drawn(Browser browser, String deviceChannel) {
    String[] dc = deviceChannel.split("/");
    Object n = browser.driver.executeScript("const c = document.querySelector(`.wave[data-device='" + dc[0]
        + "'][data-channel='" + dc[1] + "'] canvas`); return c ? Number(c.dataset.drawn || 0) : 0;");
    return ((Number) n).longValue();
  }

  /** Pixels of the strip's canvas brighter than its background. */
  private static Map<?, ?> ink(Browser browser, String deviceChannel) {
    String[] dc = deviceChannel.split("/");
    return (Map<?, ?>) browser.driver.executeScript("const c = document.querySelector(`.wave[data-device='" + dc[0]
        + "'][data-channel='" + dc[1] + "'] canvas`); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        + " let lit = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] + d[i + 1] + d[i + 2] > 200) lit++; }"
        + " return {lit: lit, width: c.width, height: c.height};");
  }

  /** The mean red, green and blue of the strip's drawn pixels. */
  @SuppressWarnings("unchecked")
  private static List<Number> colourOf(Browser browser, String deviceChannel) {
    String[] dc = deviceChannel.split("/");
    return (List<Number>) browser.driver.executeScript("const c = document.querySelector(`.wave[data-device='" + dc[0]
        + "'][data-channel='" + dc[1] + "'] canvas`); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        + " const sum = [0, 0, 0]; let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] + d[i + 1] + d[i + 2] > 200) {"
        + " sum[0] += d[i]; sum[1] += d[i + 1]; sum[2] += d[i + 2]; n++; } } return sum.map(x => Math.round(x / n));");
  }
}
