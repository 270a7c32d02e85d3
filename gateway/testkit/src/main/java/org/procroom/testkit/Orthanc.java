package org.procroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Orthanc (Debian package {@code orthanc}) on free loopback ports, driven through its REST
 * API: the independent DICOM peer that plays the modality (C-STORE SCU, storage commitment SCU and
 * the SCP of its reports), and later the archive. No plugins are loaded unless asked for.
 */
public final class Orthanc implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int dicomPort = FreePort.pick();
  private final int httpPort = FreePort.pick();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Process process;

  /** {@code modalities}: name to {@code [AE, host, port]}, as Orthanc's {@code DicomModalities} takes them. */
  public static Orthanc start(Path dir, String aeTitle, Map<String, Object[]> modalities) {
    return start(dir, aeTitle, modalities, false);
  }

  /** With {@code dicomWeb}, Debian's orthanc-dicomweb plugin serves DICOMweb (STOW-RS) under {@link #dicomWebBase()}. */
  public static Orthanc start(Path dir, String aeTitle, Map<String, Object[]> modalities, boolean dicomWeb) {
    return start(dir, aeTitle, modalities, dicomWeb, null);
  }

  /** Orthanc as the site's RIS: its ModalityWorklists plugin answers from the {@code .wl} files in {@code worklists}. */
  public static Orthanc startAsRis(Path dir, String aeTitle, Path worklists) {
    return start(dir, aeTitle, Map.of(), false, worklists);
  }

  /**
   * Orthanc's DICOM port over TLS only: its certificate and key (PEM), and the CA whose client
   * certificates it takes (it requires one).
   */
  public static Orthanc startWithDicomTls(Path dir, String aeTitle, Path certificate, Path key, Path trustedCa) {
    try {
      Orthanc o = new Orthanc(dir, aeTitle, Map.of(), false, null, null, new Path[] {certificate, key, trustedCa}, null);
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An Orthanc that takes objects only in these transfer syntaxes (its AcceptedTransferSyntaxes). */
  public static Orthanc startAccepting(Path dir, String aeTitle, java.util.List<String> syntaxes) {
    try {
      Orthanc o = new Orthanc(dir, aeTitle, Map.of(), false, null, null, null, syntaxes);
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** With a Lua script of Orthanc's, e.g. a ReceivedInstanceFilter that discards what it receives. */
  public static Orthanc startWithLua(Path dir, String aeTitle, Map<String, Object[]> modalities, String lua) {
    try {
      Files.createDirectories(dir);
      return new Orthanc(dir, aeTitle, modalities, false, null, Files.writeString(dir.resolve("script.lua"), lua), null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Orthanc start(Path dir, String aeTitle, Map<String, Object[]> modalities, boolean dicomWeb,
      Path worklists) {
    try {
      return new Orthanc(dir, aeTitle, modalities, dicomWeb, worklists, null, null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Orthanc(Path dir, String aeTitle, Map<String, Object[]> modalities, boolean dicomWeb, Path worklists,
      Path lua, Path[] dicomTls, java.util.List<String> acceptedSyntaxes) throws IOException {
    Files.createDirectories(dir);
    ObjectNode config = JSON.createObjectNode()
        .put("Name", "procroom-test")
        .put("StorageDirectory", dir.resolve("db").toString())
        .put("IndexDirectory", dir.resolve("db").toString())
        .put("HttpPort", httpPort)
        .put("DicomPort", dicomPort)
        .put("DicomAet", aeTitle)
        .put("RemoteAccessAllowed", false)
        .put("AuthenticationEnabled", false)
        .put("DicomScuTimeout", 10);
    var plugins = config.putArray("Plugins");
    if (dicomWeb) {
      plugins.add("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
      config.putObject("DicomWeb").put("Enable", true).put("Root", "/dicom-web/");
    }
    if (worklists != null) {
      plugins.add("/usr/share/orthanc/plugins/libModalityWorklists.so");
      config.putObject("Worklists").put("Enable", true).put("Database", worklists.toString());
      // Orthanc answers worklist queries only from modalities it knows, unless told otherwise.
      config.put("DicomAlwaysAllowFindWorklist", true);
    }
    if (dicomTls != null) {
      config.put("DicomTlsEnabled", true).put("DicomTlsCertificate", dicomTls[0].toString())
          .put("DicomTlsPrivateKey", dicomTls[1].toString()).put("DicomTlsTrustedCertificates", dicomTls[2].toString())
          .put("DicomTlsRemoteCertificateRequired", true);
    }
    if (acceptedSyntaxes != null) {
      var accepted = config.putArray("AcceptedTransferSyntaxes");
      acceptedSyntaxes.forEach(accepted::add);
    }
    if (lua != null) {
      config.putArray("LuaScripts").add(lua.toString());
    }
    ObjectNode known = config.putObject("DicomModalities");
    modalities.forEach((name, entry) -> {
      var array = known.putArray(name);
      array.add((String) entry[0]).add((String) entry[1]).add((Integer) entry[2]);
    });
    Path file = dir.resolve("orthanc.json");
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    process = new ProcessBuilder(Files.isExecutable(Path.of("/usr/sbin/Orthanc")) ? "/usr/sbin/Orthanc" : "Orthanc",
        file.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("orthanc.log").toFile()).start();
    Await.until(Duration.ofSeconds(20), this::answers, () -> "Orthanc did not start; see " + dir.resolve("orthanc.log"));
  }

  private boolean answers() {
    try {
      return get("/system").path("DicomPort").asInt() == dicomPort;
    } catch (RuntimeException e) {
      return false;
    }
  }

  public int dicomPort() {
    return dicomPort;
  }

  public String dicomWebBase() {
    return "http://127.0.0.1:" + httpPort + "/dicom-web";
  }

  /** The Part-10 file Orthanc keeps for the instance with that SOP Instance UID. */
  public byte[] fileOf(String sopInstanceUid) throws IOException {
    for (JsonNode r : send(HttpRequest.newBuilder(uri("/tools/lookup")).POST(HttpRequest.BodyPublishers.ofString(
        sopInstanceUid)))) {
      if (r.path("Type").asText().equals("Instance")) {
        try {
          return http.send(HttpRequest.newBuilder(uri("/instances/" + r.path("ID").asText() + "/file")).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
    throw new IOException("Orthanc has no instance " + sopInstanceUid);
  }

  /** The transfer syntax Orthanc keeps the instance with that SOP Instance UID in, or null when it has none. */
  public String transferSyntaxOf(String sopInstanceUid) throws IOException {
    JsonNode found = send(HttpRequest.newBuilder(uri("/tools/lookup")).POST(HttpRequest.BodyPublishers.ofString(
        sopInstanceUid)));
    for (JsonNode r : found) {
      if (r.path("Type").asText().equals("Instance")) {
        try {
          return http.send(HttpRequest.newBuilder(uri("/instances/" + r.path("ID").asText() + "/metadata/TransferSyntax"))
              .GET().build(), HttpResponse.BodyHandlers.ofString()).body().trim();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
    return null;
  }

  /** Uploads a DICOM file; returns Orthanc's instance id. */
  public String upload(Path file) throws IOException {
    return send(HttpRequest.newBuilder(uri("/instances")).POST(HttpRequest.BodyPublishers.ofFile(file)))
        .path("ID").asText();
  }

  public JsonNode get(String path) {
    try {
      return send(HttpRequest.newBuilder(uri(path)).GET());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode post(String path, JsonNode body) throws IOException {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException {
    try {
      HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
      HttpResponse<String> response;
      try {
        response = http.send(built, HttpResponse.BodyHandlers.ofString());
      } catch (IOException closed) {
        // Orthanc 1.12 (Debian 13) closes idle keep-alive connections; a POST on one is not retried by
        // the client, so it is sent once more on a new connection.
        response = http.send(built, HttpResponse.BodyHandlers.ofString());
      }
      if (response.statusCode() / 100 != 2) {
        throw new IOException("Orthanc answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
