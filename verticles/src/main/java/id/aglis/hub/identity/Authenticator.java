package id.aglis.hub.identity;

import id.aglis.hub.web.Authentication;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.Optional;

/**
 * Identifies the caller of an API request, without deciding what they may do (that is {@code Access}).
 *
 * <p>{@code Authorization: Bearer <token>} wins and must be valid (else 401). Otherwise the session's
 * principal is used after a fresh look at its account, so a disabled account or a changed role takes
 * effect on the next request, on every node. The same look ends sessions opened under an earlier
 * password: a session carries a {@link #credentialStamp stamp} of the password hash it signed in with,
 * and a changed or reset password (a new hash, salted afresh even for the same password) no longer
 * matches it. The session that changed its own password is given the new stamp and stays signed in.
 */
public final class Authenticator implements Authentication {

  public static final String SESSION_KEY = "principal";
  /** The {@link #credentialStamp} of the password the session signed in with. */
  public static final String CREDENTIAL_KEY = "credential";
  private static final long TOUCH_EVERY_MS = 60_000;

  private final java.util.concurrent.ConcurrentHashMap<Long, Long> lastTouched = new java.util.concurrent.ConcurrentHashMap<>();
  private final StaffRepository staff;
  private final CustomerRepository customers;
  private final ApiTokenRepository tokens;
  private final AuditLog audit;

  public Authenticator(StaffRepository staff, CustomerRepository customers, ApiTokenRepository tokens, AuditLog audit) {
    this.staff = staff;
    this.customers = customers;
    this.tokens = tokens;
    this.audit = audit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    Future<Optional<Principal>> who = authorization != null ? bearer(ctx, authorization) : principalOf(ctx.session());
    who.onSuccess(principal -> {
      principal.ifPresent(p -> ctx.put(Principal.CONTEXT_KEY, p));
      ctx.next();
    }).onFailure(ctx::fail);
  }

  private Future<Optional<Principal>> bearer(RoutingContext ctx, String authorization) {
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() > 512) {
      return Future.failedFuture(ApiError.of(401, "invalid_token", "Use 'Authorization: Bearer <token>'."));
    }
    String secret = authorization.substring(7).strip();
    return tokens.findActive(secret).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ApiError.of(401, "invalid_token", "The API token is unknown, expired or revoked."));
      }
      ApiToken token = found.get();
      Principal principal = Principal.token(token.id(), token.name(), token.role());
      return recordUse(principal, Requests.ip(ctx)).map(Optional.of(principal));
    });
  }

  /**
   * Token use is audited at most once a minute per token (the database decides across nodes), so busy
   * integrations don't flood the log; this node doesn't even ask again within that minute.
   */
  private Future<Void> recordUse(Principal token, String ip) {
    long now = System.currentTimeMillis();
    Long last = lastTouched.get(token.id());
    if (last != null && now - last < TOUCH_EVERY_MS) {
      return Future.succeededFuture();
    }
    lastTouched.put(token.id(), now);
    return tokens.touch(token.id()).compose(first -> first
        ? audit.record(AuditLog.Entry.by(token, "token.used", "token", token.id(), ip, null))
        : Future.succeededFuture());
  }

  @Override
  public Future<Optional<Principal>> principalOf(Session session) {
    if (session == null) {
      return Future.succeededFuture(Optional.empty());
    }
    String stored = session.get(SESSION_KEY);
    if (stored == null) {
      return Future.succeededFuture(Optional.empty());
    }
    Principal remembered = Principal.fromSessionJson(new JsonObject(stored));
    String credential = session.get(CREDENTIAL_KEY);
    Future<Optional<Principal>> current = switch (remembered.kind()) {
      case STAFF -> staff.findById(remembered.id())
          .map(found -> found.filter(StaffMember::active).filter(s -> sameCredential(credential, s.passwordHash()))
              .map(s -> Principal.staff(s.id(), s.username(), s.name(), s.role())));
      case CUSTOMER -> customers.findById(remembered.id())
          .map(found -> found.filter(Customer::canSignIn).filter(c -> sameCredential(credential, c.passwordHash()))
              .map(c -> Principal.customer(c.id(), c.customerNo(), c.name())));
      case TOKEN -> Future.succeededFuture(Optional.empty());
    };
    return current.onSuccess(p -> {
      if (p.isEmpty()) {
        session.remove(SESSION_KEY);
        session.remove(CREDENTIAL_KEY);
      }
    });
  }

  /**
   * A short digest of a password hash, kept in the session instead of the hash itself. Sessions from before
   * stamps existed have none and must sign in again.
   */
  public static String credentialStamp(String passwordHash) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(("aglis.session.credential:" + passwordHash).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static boolean sameCredential(String stamp, String passwordHash) {
    return stamp != null && passwordHash != null && java.security.MessageDigest.isEqual(
        stamp.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        credentialStamp(passwordHash).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
