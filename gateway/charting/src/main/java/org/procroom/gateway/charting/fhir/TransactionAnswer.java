package org.procroom.gateway.charting.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.procroom.gateway.record.FhirBundle;

/**
 * A FHIR server's answer to one transaction, read entry by entry (FHIR R4 http.html#transaction):
 * accepted only when it is a transaction-response with one 2xx entry per entry sent; refused when
 * the server read the bundle and said no (a 4xx with an OperationOutcome, or a 2xx whose entries do
 * not all say yes); otherwise nothing definite, and the same bundle goes again.
 */
public sealed interface TransactionAnswer {
  /** Every entry taken; {@code locations} as the server gave them, in entry order. */
  record Accepted(List<String> statuses, List<String> locations) implements TransactionAnswer {}

  record Refused(String reason) implements TransactionAnswer {}

  /** No answer to act on (a busy or absent server, a token refused, a reply that is not FHIR). */
  record NoAnswer(String reason) implements TransactionAnswer {}

  static TransactionAnswer read(int status, String contentType, String body, int entriesSent) {
    // No answer's words are kept: they go to the log and /health, and the server's may name a patient.
    if (status == 401 || status == 403) {
      return new NoAnswer("HTTP " + status + ": the server did not accept the gateway's credentials");
    }
    if (status == 408 || status == 429 || status >= 500 || status < 200) {
      return new NoAnswer("HTTP " + status + ": the server is busy or failing");
    }
    if (status >= 300 && status < 400) {
      return new NoAnswer("HTTP " + status + ": the server redirects; charting.fhir.url should name its base");
    }
    if (status >= 400) {
      return outcomeText(contentType, body).<TransactionAnswer>map(t -> new Refused("HTTP " + status + ": " + t))
          .orElseGet(() -> new NoAnswer("HTTP " + status + " without an OperationOutcome: is charting.fhir.url the"
              + " server's base?"));
    }
    IBaseResource resource;
    try {
      resource = parse(contentType, body);
    } catch (DataFormatException | IllegalArgumentException e) {
      return new NoAnswer("HTTP " + status + " but the body is not FHIR");
    }
    if (!(resource instanceof Bundle bundle) || bundle.getType() != Bundle.BundleType.TRANSACTIONRESPONSE) {
      return new Refused("HTTP " + status + " but the answer is a " + describe(resource)
          + ", not a transaction-response: whether the record was filed is unknown");
    }
    if (bundle.getEntry().size() != entriesSent) {
      return new Refused("the transaction-response has " + bundle.getEntry().size() + " entries for the "
          + entriesSent + " sent");
    }
    List<String> statuses = new ArrayList<>();
    List<String> locations = new ArrayList<>();
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      Bundle.BundleEntryResponseComponent response = bundle.getEntry().get(i).getResponse();
      String entryStatus = response.getStatus() == null ? "" : response.getStatus().strip();
      if (!entryStatus.matches("2\\d\\d(\\s.*)?")) {
        String why = response.getOutcome() instanceof OperationOutcome o ? ": " + text(o) : "";
        return new Refused("entry " + (i + 1) + " of " + entriesSent + " answered '" + entryStatus + "'" + why);
      }
      statuses.add(entryStatus);
      locations.add(response.getLocation());
    }
    return new Accepted(List.copyOf(statuses), java.util.Collections.unmodifiableList(locations));
  }

  private static IBaseResource parse(String contentType, String body) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    IParser parser = type.contains("xml") ? FhirBundle.context().newXmlParser() : FhirBundle.context().newJsonParser();
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("empty");
    }
    return parser.parseResource(body);
  }

  private static java.util.Optional<String> outcomeText(String contentType, String body) {
    try {
      return parse(contentType, body) instanceof OperationOutcome o ? java.util.Optional.of(text(o))
          : java.util.Optional.empty();
    } catch (DataFormatException | IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  /** The issues as staff read them: severity, code, and the server's words (first three). */
  static String text(OperationOutcome outcome) {
    List<String> issues = new ArrayList<>();
    for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
      if (issues.size() == 3) {
        issues.add("and " + (outcome.getIssue().size() - 3) + " more");
        break;
      }
      // details is written for people; diagnostics is often a stack line, so it comes second.
      String words = issue.hasDetails() && issue.getDetails().hasText() ? issue.getDetails().getText()
          : issue.hasDiagnostics() ? issue.getDiagnostics()
          : issue.hasDetails() && issue.getDetails().hasCoding() ? issue.getDetails().getCodingFirstRep().getDisplay()
          : "";
      String where = issue.hasExpression() ? " at " + issue.getExpression().get(0).getValue()
          : issue.hasLocation() ? " at " + issue.getLocation().get(0).getValue() : "";
      issues.add((issue.getSeverity() == null ? "?" : issue.getSeverity().toCode()) + " "
          + (issue.getCode() == null ? "?" : issue.getCode().toCode()) + where + (words == null || words.isEmpty() ? ""
          : ": " + words));
    }
    return issues.isEmpty() ? "an OperationOutcome without issues" : String.join("; ", issues);
  }

  private static String describe(IBaseResource resource) {
    if (resource instanceof OperationOutcome o) {
      return "OperationOutcome (" + text(o) + ")";
    }
    return resource instanceof Bundle b ? "Bundle of type " + (b.getType() == null ? "none" : b.getType().toCode())
        : resource.fhirType();
  }
}
