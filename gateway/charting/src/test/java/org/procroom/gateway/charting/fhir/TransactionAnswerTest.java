package org.procroom.gateway.charting.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The server's answer read entry by entry, on the FHIR R4 specification's own examples
 * (resources/fhir/responses, SOURCES.md): the expected results come from reading those files.
 */
class TransactionAnswerTest {
  private static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

  private static String corpus(String name) throws IOException {
    try (InputStream in = TransactionAnswerTest.class.getResourceAsStream("/fhir/responses/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The spec's example answers ten entries; the seventh says "DELETE", no HTTP status: not a yes. */
  @Test
  void theSpecificationsResponseIsNotAnAcceptanceOfItsSeventhEntry() throws IOException {
    TransactionAnswer answer = TransactionAnswer.read(200, FHIR_JSON, corpus("Bundle-bundle-response.json"), 10);
    assertEquals(new TransactionAnswer.Refused("entry 7 of 10 answered 'DELETE'"), answer);
  }

  @Test
  void anAnswerWithOtherThanOneEntryPerEntrySentIsRefused() throws IOException {
    TransactionAnswer answer = TransactionAnswer.read(200, FHIR_JSON, corpus("Bundle-bundle-response.json"), 9);
    assertEquals(new TransactionAnswer.Refused("the transaction-response has 10 entries for the 9 sent"), answer);
  }

  /** details.text is for people; the location is the expression. */
  @Test
  void aRefusalCarriesTheOperationOutcomesWords() throws IOException {
    assertEquals(new TransactionAnswer.Refused("HTTP 400: error structure at Patient.identifier: Error parsing resource"
        + " XML (Unknown Content \"label\""), TransactionAnswer.read(400, FHIR_JSON,
        corpus("OperationOutcome-validationfail.json"), 3));
    assertEquals(new TransactionAnswer.Refused("HTTP 422: error code-invalid at Patient.gender: The code \"W\" is not"
        + " known and not legal in this context"), TransactionAnswer.read(422, FHIR_JSON, corpus("OperationOutcome-101.json"), 3));
  }

  /** A busy server or a refused token says nothing about the bundle: it goes again. */
  @Test
  void busyOrUnauthorisedIsNoAnswer() throws IOException {
    TransactionAnswer busy = TransactionAnswer.read(503, FHIR_JSON, corpus("OperationOutcome-101.json"), 3);
    assertEquals(new TransactionAnswer.NoAnswer("HTTP 503: the server is busy or failing"), busy,
        "the server's words stay out of the log and /health");
    assertInstanceOf(TransactionAnswer.NoAnswer.class, TransactionAnswer.read(401, "text/html", "<h1>401</h1>", 3));
    assertInstanceOf(TransactionAnswer.NoAnswer.class, TransactionAnswer.read(429, "", "", 3));
  }

  /** A 404 page from a proxy, or a 200 that is not FHIR, is no answer of the server's: never parked. */
  @Test
  void anAnswerThatIsNotFhirIsNoAnswer() {
    TransactionAnswer notFound = TransactionAnswer.read(404, "text/html", "<html><body>Not Found</body></html>", 3);
    assertEquals(new TransactionAnswer.NoAnswer("HTTP 404 without an OperationOutcome: is charting.fhir.url the server's"
        + " base?"), notFound);
    TransactionAnswer html = TransactionAnswer.read(200, "text/html", "<html><body>Welcome</body></html>", 3);
    assertInstanceOf(TransactionAnswer.NoAnswer.class, html);
  }

  /** A 200 whose body is an OperationOutcome files nothing that can be checked: parked, with its words. */
  @Test
  void anOperationOutcomeInPlaceOfTheResponseIsRefused() throws IOException {
    TransactionAnswer answer = TransactionAnswer.read(200, FHIR_JSON, corpus("OperationOutcome-101.json"), 3);
    assertInstanceOf(TransactionAnswer.Refused.class, answer);
    assertTrue(((TransactionAnswer.Refused) answer).reason().contains("OperationOutcome (error code-invalid"), answer.toString());
  }
}
