package org.procroom.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.procroom.gateway.api.ConfigException;
import org.procroom.gateway.api.DriverSettings;
import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.store.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may make entries. With staff configured ({@code dashboard.users}), every write needs a signed-in
 * session and the signed-in name is what the record says entered it; viewing needs one too unless
 * {@code dashboard.publicView}. Without staff configured (a demo or a bench), writes are open.
 */
public final class StaffAuth {
  /** Routing context key of the signed-in staff member's display name. */
  public static final String STAFF_NAME = "procroom.staffName";
  static final String COOKIE = "procroom_session";
  private static final Logger LOG = LoggerFactory.getLogger(StaffAuth.class);
  private static final int MAX_FAILURES = 5;
  private static final Duration LOCKOUT = Duration.ofMinutes(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A configured staff member: the name entries carry and the hash of their PIN or password. */
  record Staff(String id, String name, String pinHash) {}

  private record Session(Staff staff, Instant expires) {}

  private record Failures(int count, Instant lockedUntil) {}

  /** Where sign-ins and failed sign-ins are recorded (who, when, from where; never the PIN). */
  @FunctionalInterface
  public interface Audit {
    void record(SignIn entry);
  }

  /** Payload of {@code staff.sign-in}: a sign-in, a failed one, or one refused while locked out. */
  public record SignIn(String user, String outcome, String address) {
    public static final String EVENT_TYPE = EventTypes.STAFF_SIGN_IN;
  }

  /** Failure counters kept at most: past this, the oldest go (an attacker cannot grow the map). */
  private static final int MAX_TRACKED = 1024;
  /** Failed sign-ins from one address before it must wait, whatever ids it tries. */
  private static final int MAX_ADDRESS_FAILURES = 20;
  private static final String UNKNOWN_ID = "(unknown id)";

  private final Map<String, Staff> staff;
  private final boolean publicView;
  private final Duration sessionTimeout;
  private final GatewayClock clock;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, Failures> failures = bounded();
  private final Map<String, Failures> addressFailures = bounded();
  private final Audit audit;
  /** Checked for an unknown id, so that it costs one key derivation, as a known one does. */
  private final String decoyHash;

  public StaffAuth(DriverSettings settings, GatewayClock clock) {
    this(settings, clock, entry -> { });
  }

  public StaffAuth(DriverSettings settings, GatewayClock clock, Audit audit) {
    this.clock = clock;
    this.audit = audit;
    this.publicView = settings.bool("publicView", true);
    this.sessionTimeout = settings.duration("sessionTimeout", Duration.ofHours(12));
    this.staff = new LinkedHashMap<>();
    DriverSettings users = settings.section("users");
    for (String id : (Iterable<String>) users.raw()::fieldNames) {
      DriverSettings user = users.section(id);
      String hash = user.string("pin");
      try {
        PinHash.matches(new char[0], hash);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(user.key("pin"), e.getMessage());
      }
      staff.put(id, new Staff(id, user.string("name", id), hash));
    }
    if (staff.isEmpty()) {
      LOG.warn("no dashboard.users configured: entries over HTTP are not authenticated (fine for a demo, not a room)");
    }
    decoyHash = staff.values().stream().findFirst().map(Staff::pinHash).orElseGet(() -> PinHash.hash(new char[] {'-'}));
  }

  private static Map<String, Failures> bounded() {
    return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
        return size() > MAX_TRACKED;
      }
    });
  }

  public boolean enabled() {
    return !staff.isEmpty();
  }

  /** Before every write: a session is required once staff are configured; its name is put on the context. */
  public void requireForWrites(RoutingContext ctx) {
    if (!enabled()) {
      ctx.next();
      return;
    }
    Optional<Staff> who = session(ctx);
    if (who.isEmpty()) {
      deny(ctx, "sign in to make entries");
      return;
    }
    ctx.put(STAFF_NAME, who.get().name());
    ctx.next();
  }

  /** Before the page's data: open for the wall screen when {@code publicView}, else signed-in staff only. */
  public void requireForReads(RoutingContext ctx) {
    if (!enabled() || publicView || session(ctx).isPresent()) {
      ctx.next();
    } else {
      deny(ctx, "sign in to view the room");
    }
  }

  public void login(RoutingContext ctx) {
    JsonNode body;
    try {
      body = EventJson.MAPPER.readTree(ctx.body().asString());
    } catch (java.io.IOException | IllegalArgumentException e) {
      reply(ctx, 400, "request body is not JSON");
      return;
    }
    String id = body == null ? "" : body.path("user").asText("");
    char[] pin = body == null ? new char[0] : body.path("pin").asText("").toCharArray();
    Instant now = clock.now();
    String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    Staff who = staff.get(id);
    // Unknown ids share one counter: a stranger trying ids cannot grow the table or lock out staff.
    String key = who == null ? UNKNOWN_ID : id;
    Failures f = failures.get(key);
    Failures byAddress = addressFailures.get(address);
    if ((f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil()))
        || (byAddress != null && byAddress.lockedUntil() != null && now.isBefore(byAddress.lockedUntil()))) {
      java.util.Arrays.fill(pin, '\0');
      audit.record(new SignIn(key, "locked-out", address));
      reply(ctx, 429, "too many wrong PINs; try again in a minute");
      return;
    }
    // One key derivation whether or not the id exists, so the time taken does not tell.
    boolean ok = PinHash.matches(pin, who != null ? who.pinHash() : decoyHash);
    java.util.Arrays.fill(pin, '\0');
    if (who == null || !ok) {
      int count = f == null ? 1 : f.count() + 1;
      failures.put(key, new Failures(count, count >= MAX_FAILURES ? now.plus(LOCKOUT) : null));
      int fromAddress = byAddress == null ? 1 : byAddress.count() + 1;
      addressFailures.put(address, new Failures(fromAddress, fromAddress >= MAX_ADDRESS_FAILURES ? now.plus(LOCKOUT)
          : null));
      LOG.warn("dashboard: failed sign-in for user id '{}' from {} ({} in a row)", key, address, count);
      audit.record(new SignIn(key, "failed", address));
      reply(ctx, 401, "unknown user or wrong PIN");
      return;
    }
    failures.remove(id);
    addressFailures.remove(address);
    audit.record(new SignIn(who.id(), "signed-in", address));
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    String value = HexFormat.of().formatHex(token);
    sessions.put(value, new Session(who, now.plus(sessionTimeout)));
    ctx.response().addCookie(Cookie.cookie(COOKIE, value).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
        .setPath("/").setSecure(ctx.request().isSSL()).setMaxAge(sessionTimeout.toSeconds()));
    LOG.info("dashboard: {} signed in", who.id());
    ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
        .end(EventJson.MAPPER.createObjectNode().put("user", who.id()).put("name", who.name()).toString());
  }

  public void logout(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie != null) {
      sessions.remove(cookie.getValue());
    }
    ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0));
    reply(ctx, 200, null);
  }

  /** Who is signed in, and whether entries need it: the page shows its sign-in button from this. */
  public void whoAmI(RoutingContext ctx) {
    var node = EventJson.MAPPER.createObjectNode().put("signInRequired", enabled()).put("publicView", publicView);
    session(ctx).ifPresent(s -> node.put("user", s.id()).put("name", s.name()));
    ctx.response().putHeader("content-type", "application/json").end(node.toString());
  }

  private Optional<Staff> session(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null) {
      return Optional.empty();
    }
    Session s = sessions.get(cookie.getValue());
    if (s == null) {
      return Optional.empty();
    }
    if (clock.now().isAfter(s.expires())) {
      sessions.remove(cookie.getValue());
      return Optional.empty();
    }
    return Optional.of(s.staff());
  }

  private static void deny(RoutingContext ctx, String message) {
    reply(ctx, 401, message);
  }

  private static void reply(RoutingContext ctx, int status, String error) {
    var node = EventJson.MAPPER.createObjectNode();
    if (error != null) {
      node.put("error", error);
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(node.toString());
  }
}
