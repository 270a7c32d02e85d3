package org.procroom.gateway.charting.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** STOW-RS responses of other servers (stow/SOURCES.md), read for one instance each. */
class StowAnswerTest {
  private static String response(String name) throws IOException {
    try (InputStream in = StowAnswerTest.class.getResourceAsStream("stow/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void orthancStoredTheInstance() throws Exception {
    StowAnswer a = StowAnswer.read(200, response("orthanc-stored-200.json"), "1.2.826.0.1.3680043.10.1.99.1");
    assertEquals(StowAnswer.Kind.STORED, a.kind());
  }

  @Test
  void orthancsAnswerToAPartThatIsNotDicomIsARefusal() throws Exception {
    StowAnswer a = StowAnswer.read(400, response("orthanc-not-dicom-400.json"), "1.2.826.0.1.3680043.10.1.99.1");
    assertEquals(StowAnswer.Kind.REFUSED, a.kind());
    assertEquals("HTTP 400: the instance is in neither the referenced nor the failed SOP sequence", a.words());
  }

  @Test
  void aPartialStoreNamesWhichFailedAndWhy() throws Exception {
    String body = response("microsoft-dicom-server-202.json");
    StowAnswer failed = StowAnswer.read(202, body, "22c35d16-11ce-43fa-8f86-90ceed6cf4e7");
    assertEquals(StowAnswer.Kind.REFUSED, failed.kind());
    assertEquals("HTTP 202: failure reason A901H", failed.words());
    assertEquals(StowAnswer.Kind.STORED, StowAnswer.read(202, body, "4a858cbb-a71f-4c01-b9b5-85f88b031365").kind());
  }

  @Test
  void busyOrSignedOutServersAreAskedAgainAndTheirWordsNotKept() {
    for (int status : new int[] {401, 403, 408, 429, 500, 503}) {
      StowAnswer a = StowAnswer.read(status, "<html>Patient Doe^Jane ...</html>", "1.2.3");
      assertEquals(StowAnswer.Kind.SEND_AGAIN, a.kind());
      assertEquals("HTTP " + status, a.words());
    }
  }

  @Test
  void aProxyPageIsARefusalNotAStore() {
    assertEquals(StowAnswer.Kind.REFUSED, StowAnswer.read(404, "<html>not found</html>", "1.2.3").kind());
    assertEquals(StowAnswer.Kind.REFUSED, StowAnswer.read(200, "<html>portal login</html>", "1.2.3").kind(),
        "an HTML page with 200 is not a STOW response");
    assertEquals(StowAnswer.Kind.REFUSED, StowAnswer.read(200, "", "1.2.3").kind(),
        "a 200 without the Store Instances Response does not say the instance was stored");
  }
}
