package org.procroom.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A site's certificates made with openssl and keytool for a test: a CA, the broker's certificate
 * for 127.0.0.1, client certificates as PKCS#12 key stores, and a trust store holding the CA.
 */
public final class TestPki {
  public static final String PASSWORD = "changeit-test";

  final Path dir;
  public final Path caCert;
  final Path caKey;

  private TestPki(Path dir, Path caCert, Path caKey) {
    this.dir = dir;
    this.caCert = caCert;
    this.caKey = caKey;
  }

  /** A new certificate authority named {@code name}. */
  public static TestPki authority(Path dir, String name) throws Exception {
    Files.createDirectories(dir);
    Path key = dir.resolve(name + "-ca.key");
    Path cert = dir.resolve(name + "-ca.pem");
    run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name + " CA",
        "-keyout", key.toString(), "-out", cert.toString());
    return new TestPki(dir, cert, key);
  }

  /** A certificate signed by this CA for {@code commonName}; the broker's gets 127.0.0.1 as its address. */
  public Path[] issue(String commonName, boolean server) throws Exception {
    Path key = dir.resolve(commonName + ".key");
    Path csr = dir.resolve(commonName + ".csr");
    Path cert = dir.resolve(commonName + ".pem");
    run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + commonName, "-keyout", key.toString(),
        "-out", csr.toString());
    Path ext = Files.writeString(dir.resolve(commonName + ".ext"), server
        ? "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n" : "extendedKeyUsage=clientAuth\n");
    run(dir, "openssl", "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
        "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
    return new Path[] {cert, key};
  }

  /** A client's key and certificate as the PKCS#12 key store the gateway is configured with. */
  public Path keyStore(String commonName) throws Exception {
    return export(commonName, issue(commonName, false));
  }

  /** A server's key and certificate for 127.0.0.1 as a PKCS#12 key store. */
  public Path serverKeyStore(String commonName) throws Exception {
    return export(commonName, issue(commonName, true));
  }

  private Path export(String commonName, Path[] issued) throws Exception {
    Path p12 = dir.resolve(commonName + ".p12");
    run(dir, "openssl", "pkcs12", "-export", "-in", issued[0].toString(), "-inkey", issued[1].toString(),
        "-name", commonName, "-passout", "pass:" + PASSWORD, "-out", p12.toString());
    return p12;
  }

  /** A PKCS#12 trust store holding this CA (keytool marks it trusted for Java). */
  public Path trustStore() throws Exception {
    Path p12 = dir.resolve(caCert.getFileName() + ".p12");
    Files.deleteIfExists(p12);
    run(dir, "keytool", "-importcert", "-noprompt", "-alias", "site-ca", "-file", caCert.toString(), "-keystore",
        p12.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    return p12;
  }

  public Path passwordFile() throws IOException {
    return Files.writeString(dir.resolve("store-password"), PASSWORD + "\n");
  }

  private static void run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }
}
