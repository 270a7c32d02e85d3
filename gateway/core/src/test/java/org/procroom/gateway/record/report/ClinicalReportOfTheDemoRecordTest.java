package org.procroom.gateway.record.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The clinical report of a real demo run (report/SOURCES.md), read back as XML: the expected times,
 * phases and values were read off the record, in Europe/Berlin (UTC+1 in December).
 */
class ClinicalReportOfTheDemoRecordTest {
  private static String report;
  private static Document doc;
  private static final XPath X = XPathFactory.newInstance().newXPath();

  @BeforeAll
  static void render() throws Exception {
    report = DemoRecord.report();
    Path out = Path.of("target", "report-output", "demo-record.xhtml");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(report.getBytes(StandardCharsets.UTF_8)));
  }

  private static NodeList nodes(String xpath) throws Exception {
    return (NodeList) X.evaluate(xpath, doc, XPathConstants.NODESET);
  }

  @Test
  void theHeaderNamesThePatientForPeopleAndTimesInTheSitesZoneToTheSecond() {
    assertTrue(report.contains("<b>Patient</b> Patient Demo"), report);
    assertFalse(report.contains("DEMO^PATIENT"));
    assertTrue(report.contains("<b>Start</b> 2 Dec 2026, 21:33:15 CET"));
    assertTrue(report.contains("<b>End</b> 2 Dec 2026, 21:33:34 CET"));
    assertTrue(report.contains("<b>Duration</b> 18 s"));
    assertFalse(report.contains("20:33:15.405627Z"), "no raw UTC timestamps");
  }

  @Test
  void theChartBandsEveryPhaseInOrder() throws Exception {
    NodeList bands = nodes("//g[@class='phase']");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < bands.getLength(); i++) {
      names.add(((Element) bands.item(i)).getAttribute("data-phase"));
    }
    assertEquals(List.of("assessment", "preparation", "local-anaesthesia", "guidance", "injection", "recovery"), names);
    assertTrue(report.contains("<b>Phases</b> assessment 21:33:15, preparation 21:33:21, local-anaesthesia 21:33:22, "
        + "guidance 21:33:25, injection 21:33:26, recovery 21:33:34</p>"), report);
  }

  @Test
  void theHeartRateDipFallsInTheInjectionBand() throws Exception {
    Element line = (Element) nodes("//g[@class='series'][@data-code='MDC_ECG_HEART_RATE'][@data-device='monitor-1']/polyline")
        .item(0);
    double lowestX = 0;
    double lowestY = -1;
    for (String point : line.getAttribute("points").trim().split(" ")) {
      String[] xy = point.split(",");
      if (Double.parseDouble(xy[1]) > lowestY) {
        lowestY = Double.parseDouble(xy[1]);
        lowestX = Double.parseDouble(xy[0]);
      }
    }
    Element band = (Element) nodes("//g[@data-phase='injection']/rect").item(0);
    double from = Double.parseDouble(band.getAttribute("x"));
    double to = from + Double.parseDouble(band.getAttribute("width"));
    assertTrue(lowestX >= from && lowestX <= to, "44 /min at 21:33:28 is drawn at x " + lowestX + ", injection " + from + "-" + to);
    Element start = (Element) nodes("//g[@data-phase='assessment']/rect").item(0);
    assertTrue(lowestY > Double.parseDouble(start.getAttribute("y")) + 40, "44 is drawn lower than 72");
  }

  @Test
  void injectionsScansAndTheAdverseEventAreNumberedMarkersWithTheirTimeInWords() throws Exception {
    assertEquals(2, nodes("//g[@class='marker'][@data-kind='injection']").getLength());
    assertEquals(1, nodes("//g[@class='marker'][@data-kind='adverse']").getLength());
    assertEquals(2, nodes("//g[@class='marker'][@data-kind='medication']").getLength(), "the two accepted vials");
    assertTrue(report.contains("<td>21:33:27</td><td>injection 2 mL of lidocaine 1% and triamcinolone 40 mg/mL into the left"
        + " upper trapezius, by dr-lee</td>"), report);
    assertTrue(report.contains("21:33:29</td><td>adverse event: vasovagal, brief bradycardia and hypotension, resolved supine"));
  }

  @Test
  void theMonitorsCorrectedClockIsNoted() {
    assertTrue(report.contains("monitor-1: monitor clock is 94.3 s ahead of the gateway"), report);
  }

  @Test
  void aRunOfTheSameWarningIsOneLineWithItsSpan() throws Exception {
    NodeList oximeter = nodes("//ul[@class='alerts']/li[contains(., 'oximeter-1')]");
    assertEquals(1, oximeter.getLength(), "six BELOW_LIMIT warnings of the oximeter in 5 s");
    assertTrue(oximeter.item(0).getTextContent().startsWith("21:33:28 to 21:33:33 (6 times) oximeter-1:"),
        oximeter.item(0).getTextContent());
  }
}
