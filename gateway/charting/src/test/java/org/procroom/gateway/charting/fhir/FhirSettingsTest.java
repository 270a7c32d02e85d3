package org.procroom.gateway.charting.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;

/** A misconfigured FHIR link stops the start with the key and the reason, never a silent default. */
class FhirSettingsTest {
  @TempDir Path dir;

  private static DriverSettings settings(String json) throws Exception {
    return new DriverSettings("charting.fhir", (ObjectNode) new ObjectMapper().readTree(json));
  }

  private static ConfigException refused(String json) {
    return assertThrows(ConfigException.class, () -> FhirSettings.from(settings(json)));
  }

  @Test
  void noUrlIsNoFhirServer() throws Exception {
    assertTrue(FhirSettings.from(settings("{\"url\":\"\"}")).isEmpty());
  }

  @Test
  void plainHttpOnlyToTheBoxItself() throws Exception {
    assertEquals("charting.fhir.url", refused("{\"url\":\"http://ehr.example.org/fhir\"}").key());
    assertEquals("http://127.0.0.1:8080/fhir", FhirSettings.from(settings("{\"url\":\"http://127.0.0.1:8080/fhir/\"}"))
        .orElseThrow().base().toString(), "the base, without its trailing slash");
    assertEquals("charting.fhir.url", refused("{\"url\":\"ftp://ehr/fhir\"}").key());
  }

  @Test
  void oneWayToSignInAndAllItsParts() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s\n");
    ConfigException both = refused("{\"url\":\"https://ehr/fhir\",\"auth\":{\"bearerTokenFile\":\"" + secret
        + "\",\"oauth2\":{\"tokenUrl\":\"https://ehr/token\",\"clientId\":\"c\",\"clientSecretFile\":\"" + secret + "\"}}}");
    assertEquals("charting.fhir.auth", both.key());
    assertEquals("charting.fhir.auth.oauth2", refused("{\"url\":\"https://ehr/fhir\",\"auth\":{\"oauth2\":"
        + "{\"tokenUrl\":\"https://ehr/token\"}}}").key());
    assertEquals("charting.fhir.auth.bearerTokenFile", refused("{\"url\":\"https://ehr/fhir\",\"auth\":"
        + "{\"bearerTokenFile\":\"" + dir.resolve("missing") + "\"}}").key());
    FhirSettings oauth2 = FhirSettings.from(settings("{\"url\":\"https://ehr/fhir\",\"auth\":{\"oauth2\":{\"tokenUrl\":"
        + "\"https://ehr/token\",\"clientId\":\"c\",\"clientSecretFile\":\"" + secret + "\"}}}")).orElseThrow();
    assertEquals("s", oauth2.oauth2().clientSecret(), "the secret without its newline");
  }

  @Test
  void timeoutsWithinReason() {
    assertEquals("charting.fhir.timeout", refused("{\"url\":\"https://ehr/fhir\",\"timeout\":\"100ms\"}").key());
    assertEquals("charting.fhir.retryMax", refused("{\"url\":\"https://ehr/fhir\",\"retryInitial\":\"10s\","
        + "\"retryMax\":\"1s\"}").key());
  }
}
