package org.procroom.gateway.charting;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * A FHIR R4 server from HAPI FHIR's plain-server framework on Jetty, as the charting system's FHIR
 * endpoint: every request is validated by HAPI's instance validator against the R4 base and the
 * profiles the resources claim (the vital-signs ones among them), and refused with HAPI's 422 and
 * OperationOutcome when it is not valid; a transaction files each entry, honouring ifNoneExist as a
 * FHIR server must (a resource already filed with that identifier is answered 200), and resolves
 * conditional references to the patients it knows (none: 412, as a server with storage answers).
 * It wants a bearer token, fixed or issued by its own OAuth2 client-credentials endpoint.
 */
final class FhirServer implements AutoCloseable {
  static final String CLIENT_ID = "procroom-room-1";
  static final String CLIENT_SECRET = "s3cret";

  private final Server jetty;
  private final ca.uhn.fhir.validation.FhirValidator validator;
  private final List<Bundle> transactions = new CopyOnWriteArrayList<>();
  /** What it holds, by each identifier (system|value) the resource carries. */
  private final Map<String, Resource> filed = new ConcurrentHashMap<>();
  private final List<Resource> stored = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> patients = ConcurrentHashMap.newKeySet();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile String acceptedToken;
  private volatile java.time.Duration stallFirstAnswer = java.time.Duration.ZERO;

  private final FhirContext fhirContext = FhirContext.forR4();

  private FhirServer(String fixedToken) throws Exception {
    this.acceptedToken = fixedToken;
    FhirContext fhir = fhirContext;
    RestfulServer rest = new RestfulServer(fhir);
    rest.registerProvider(new TransactionProvider());
    FhirInstanceValidator validator = new FhirInstanceValidator(new ValidationSupportChain(
        new DefaultProfileValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir),
        new InMemoryTerminologyServerValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir)));
    this.validator = fhir.newValidator().registerValidatorModule(validator);
    RequestValidatingInterceptor validating = new RequestValidatingInterceptor();
    validating.addValidatorModule(validator);
    validating.setFailOnSeverity(ResultSeverityEnum.ERROR);
    rest.registerInterceptor(validating);

    jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(rest), "/fhir/*");
    context.addServlet(new ServletHolder(new TokenEndpoint()), "/token");
    context.addFilter(new FilterHolder((Filter) (request, response, chain) -> {
      String authorization = ((HttpServletRequest) request).getHeader("Authorization");
      authorizations.add(String.valueOf(authorization));
      if (acceptedToken != null && !("Bearer " + acceptedToken).equals(authorization)) {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("WWW-Authenticate", "Bearer");
        http.sendError(401);
        return;
      }
      chain.doFilter(request, response);
    }), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
    jetty.setHandler(context);
    jetty.start();
  }

  /** Wants {@code token} as the bearer token. */
  static FhirServer withToken(String token) throws Exception {
    return new FhirServer(token);
  }

  /** Issues its own tokens at {@link #tokenUrl()} to {@link #CLIENT_ID} and wants the last one issued. */
  static FhirServer withOAuth2() throws Exception {
    return new FhirServer("none issued yet");
  }

  String base() {
    return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/fhir";
  }

  String tokenUrl() {
    return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/token";
  }

  /** Files the first transaction, then answers it only after {@code stall}: an answer the client no longer waits for. */
  void stallFirstAnswer(java.time.Duration stall) {
    this.stallFirstAnswer = stall;
  }

  /** What the server's validator says of a resource: severity, location and message, one line each. */
  List<String> validate(String resource) {
    return validator.validateWithResult(resource).getMessages().stream()
        .map(m -> m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage()).toList();
  }

  /** Every transaction that passed validation, in order. */
  List<Bundle> transactions() {
    return transactions;
  }

  /** Every resource the server filed, once each. */
  List<Resource> filed() {
    return stored;
  }

  /** A Patient the server holds, by identifier: conditional references to others are refused. */
  FhirServer knowing(String system, String value) {
    patients.add(system + "|" + value);
    return this;
  }

  List<String> authorizations() {
    return authorizations;
  }

  int tokensIssued() {
    return tokensIssued.get();
  }

  /** The next request needs a new token (the one issued has been revoked). */
  void revokeTokens() {
    acceptedToken = "revoked";
  }

  /** The plain-server system-level transaction operation: POST [base] with a transaction Bundle. */
  public final class TransactionProvider {
    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle) throws Exception {
      transactions.add(bundle);
      for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
        for (org.hl7.fhir.r4.model.Reference ref : fhirContext.newTerser().getAllPopulatedChildElementsOfType(
            entry.getResource(), org.hl7.fhir.r4.model.Reference.class)) {
          String reference = ref.getReference();
          if (reference != null && reference.startsWith("Patient?identifier=")
              && !patients.contains(reference.substring("Patient?identifier=".length()))) {
            org.hl7.fhir.r4.model.OperationOutcome outcome = new org.hl7.fhir.r4.model.OperationOutcome();
            outcome.addIssue().setSeverity(org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.ERROR)
                .setCode(org.hl7.fhir.r4.model.OperationOutcome.IssueType.NOTFOUND)
                .setDiagnostics("no Patient matches " + reference);
            throw new ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException("unresolved", outcome);
          }
        }
      }
      Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
      for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
        String condition = entry.getRequest().getIfNoneExist();
        String key = condition != null && condition.startsWith("identifier=") ? condition.substring(11) : null;
        Resource existing = key == null ? null : filed.get(key);
        Resource resource = existing != null ? existing : entry.getResource().copy();
        if (existing == null) {
          resource.setId(resource.fhirType() + "/" + ids.incrementAndGet());
          stored.add(resource);
          // Found again only by the identifiers the resource itself carries, as a server searches.
          for (String id : identifiers(resource)) {
            filed.put(id, resource);
          }
        }
        response.addEntry().getResponse().setStatus(existing != null ? "200 OK" : "201 Created")
            .setLocation(resource.getId() + "/_history/1");
      }
      if (transactions.size() == 1) {
        Thread.sleep(stallFirstAnswer.toMillis());
      }
      return response;
    }
  }

  private List<String> identifiers(Resource resource) {
    List<String> out = new java.util.ArrayList<>();
    for (org.hl7.fhir.instance.model.api.IBase child : fhirContext.newTerser().getValues(resource,
        resource.fhirType() + ".identifier")) {
      org.hl7.fhir.r4.model.Identifier id = (org.hl7.fhir.r4.model.Identifier) child;
      out.add(id.getSystem() + "|" + id.getValue());
    }
    return out;
  }

  /** OAuth2 client credentials (RFC 6749 4.4), the client authenticated with HTTP Basic. */
  private final class TokenEndpoint extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
          .getBytes(StandardCharsets.UTF_8));
      response.setContentType("application/json");
      if (!basic.equals(request.getHeader("Authorization"))) {
        response.setStatus(401);
        response.getWriter().write("{\"error\":\"invalid_client\"}");
      } else if (!"client_credentials".equals(request.getParameter("grant_type"))) {
        response.setStatus(400);
        response.getWriter().write("{\"error\":\"unsupported_grant_type\"}");
      } else {
        String token = "t" + tokensIssued.incrementAndGet();
        acceptedToken = token;
        response.getWriter().write("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
            + "\"scope\":\"" + request.getParameter("scope") + "\"}");
      }
    }
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }
}
