package org.procroom.gateway.charting.archive;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.TlsSettings;

/**
 * {@code charting.archives.<name>}: an archive (PACS) the room's received objects are forwarded
 * to, by {@code url}: {@code dicom://AE@host:port} (C-STORE) or {@code http(s)://host/dicom-web}
 * (STOW-RS), over DICOM TLS when {@code tls.trustStore} is set; {@code aeTitle} the gateway's calling AE title (PROCROOM); {@code storageCommitment}
 * (DICOM: an object counts as archived only once the archive committed it); the site's CA for
 * HTTPS; {@code timeout} (to connect, and the longest the archive may stay silent), {@code
 * commitmentTimeout} (5m: how long its commitment result may take); retries. Plain http is refused but to the box itself: the objects carry the patient.
 */
public record ArchiveSettings(String name, URI stowBase, String calledAe, String host, int port, String aeTitle,
    SSLContext tls, Duration timeout, Duration retryInitial, Duration retryMax, boolean storageCommitment,
    Duration commitmentTimeout) {
  public static final String QUEUE_PREFIX = "archive.";
  private static final Pattern DICOM_URL = Pattern.compile("dicom://([^@/]{1,16})@([^:/]+):(\\d{1,5})");
  private static final java.util.Set<String> LOOPBACK = java.util.Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  public String queue() {
    return QUEUE_PREFIX + name;
  }

  public boolean dicom() {
    return stowBase == null;
  }

  /** Who the archive is, for /health and logs. */
  public String describe() {
    return dicom() ? "archive " + name + " (" + calledAe + "@" + host + ":" + port + (tls != null ? ", TLS" : "") + ")"
        : "archive " + name + " (" + stowBase + ")";
  }

  public static List<ArchiveSettings> from(DriverSettings archives) {
    List<ArchiveSettings> out = new ArrayList<>();
    for (String name : archives.names()) {
      if (!name.matches("[A-Za-z0-9_-]{1,32}")) {
        throw new ConfigException(archives.key(name), "an archive's name has 1 to 32 letters, digits, '-' or '_'");
      }
      out.add(one(name, archives.section(name)));
    }
    List<String> unknown = archives.unasked();
    if (!unknown.isEmpty()) {
      String key = unknown.get(0);
      String section = key.substring(0, key.lastIndexOf('.'));
      throw new ConfigException(key, "not a setting of an archive" + org.procroom.gateway.api.SettingNames.suggestion(
          key.substring(key.lastIndexOf('.') + 1), archives.askedIn(section)));
    }
    return out;
  }

  private static ArchiveSettings one(String name, DriverSettings s) {
    if (!s.has("url")) {
      throw new ConfigException(s.key("url"), "required: dicom://AE@host:port or https://host/dicom-web");
    }
    String url = s.string("url");
    Duration timeout = s.duration("timeout", Duration.ofSeconds(30));
    Duration initial = s.duration("retryInitial", Duration.ofSeconds(2));
    Duration max = s.duration("retryMax", Duration.ofMinutes(5));
    if (initial.toMillis() < 10 || max.compareTo(initial) < 0 || max.toHours() > 1) {
      throw new ConfigException(s.key("retryMax"), "retryInitial must be at least 10ms and retryMax between it and 1h");
    }
    String aeTitle = s.string("aeTitle", "PROCROOM");
    if (aeTitle.isEmpty() || aeTitle.length() > 16) {
      throw new ConfigException(s.key("aeTitle"), "an AE title has 1 to 16 characters");
    }
    Matcher m = DICOM_URL.matcher(url);
    if (m.matches()) {
      int port = Integer.parseInt(m.group(3));
      if (port < 1 || port > 65535) {
        throw new ConfigException(s.key("url"), "port " + port + " is outside 1..65535");
      }
      return new ArchiveSettings(name, null, m.group(1), m.group(2), port, aeTitle,
          TlsSettings.context(s.section("tls")).orElse(null), timeout, initial, max, s.bool("storageCommitment", false),
          s.duration("commitmentTimeout", Duration.ofMinutes(5)));
    }
    URI base;
    try {
      base = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(s.key("url"), "not a URL: '" + url + "'");
    }
    if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
      throw new ConfigException(s.key("url"), "expected dicom://AE@host:port or http(s)://host/dicom-web, found '"
          + url + "'");
    }
    if (base.getScheme().equals("http") && !LOOPBACK.contains(base.getHost())) {
      throw new ConfigException(s.key("url"), "objects carry the patient: use https:// (http:// only to this box), found '"
          + url + "'");
    }
    if (s.bool("storageCommitment", false)) {
      throw new ConfigException(s.key("storageCommitment"), "storage commitment is a DICOM service: a STOW-RS answer"
          + " already names what the archive stored");
    }
    return new ArchiveSettings(name, base, null, base.getHost(), base.getPort(), aeTitle,
        TlsSettings.context(s.section("tls")).orElse(null), timeout, initial, max, false, Duration.ZERO);
  }
}
