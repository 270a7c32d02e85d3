package org.procroom.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS context from a settings section: {@code keyStore} and {@code trustStore} (PKCS#12), each
 * with {@code ...Password} or, better, {@code ...PasswordFile}. Secrets are read, never logged.
 * Used for MQTT, DICOM and HTTP alike.
 */
public final class TlsSettings {
  private TlsSettings() {}

  /** Empty when the section names neither store. */
  public static Optional<SSLContext> context(DriverSettings s) {
    if (!s.has("trustStore") && !s.has("keyStore")) {
      return Optional.empty();
    }
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(s.has("trustStore") ? load(s, "trustStore") : null);
      KeyManagerFactory kmf = null;
      if (s.has("keyStore")) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(s, "keyStore"), password(s, "keyStore"));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return Optional.of(context);
    } catch (GeneralSecurityException e) {
      throw new ConfigException(s.path(), "TLS set-up failed: " + e.getMessage());
    }
  }

  /** Protocols the gateway offers: TLS 1.3 and 1.2 only. */
  public static String[] protocols() {
    return new String[] {"TLSv1.3", "TLSv1.2"};
  }

  private static KeyStore load(DriverSettings s, String name) {
    Path path = s.file(name);
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password(s, name));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(s.key(name), "cannot read PKCS#12 store " + path + ": " + e.getMessage());
    }
  }

  private static char[] password(DriverSettings s, String name) {
    return s.optionalString(name + "PasswordFile").map(f -> secret(s.key(name + "PasswordFile"), f))
        .orElseGet(() -> s.string(name + "Password", "").toCharArray());
  }

  /** A secret kept in a file (trailing newline ignored). */
  public static char[] secret(String key, String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().toCharArray();
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read secret file " + file + ": " + e.getMessage());
    }
  }
}
