package id.aglis.hub.http;

import id.aglis.hub.web.Requests;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Principal;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Double-submit CSRF protection with the names of Vert.x's CSRFHandler defaults: the {@code XSRF-TOKEN}
 * cookie, echoed in the {@code X-XSRF-TOKEN} header on every state-changing request authenticated by the
 * session cookie. Bearer-token clients carry no ambient credential and are not checked; anonymous writes
 * (sign-in) have no session to ride on.
 *
 * <p>One random token per session, issued at sign-in and re-sent on any GET whose cookie lost it.
 * (Vert.x's CSRFHandler rotates the token on every write but stores the session only after 2xx answers,
 * so a 400 or two writes in flight left browsers and API clients with a stale token.)
 */
final class CsrfGuard {

  static final String COOKIE = "XSRF-TOKEN";
  static final String HEADER = "X-XSRF-TOKEN";
  private static final String SESSION_KEY = "csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CookiePolicy cookies;

  CsrfGuard(CookiePolicy cookies) {
    this.cookies = cookies;
  }

  /** Runs after authentication, before the route handlers. */
  Handler<RoutingContext> check() {
    return ctx -> {
      Session session = ctx.session();
      if (Requests.hasBearer(ctx) || session == null) {
        ctx.next();
        return;
      }
      HttpMethod method = ctx.request().method();
      if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
        String token = session.get(SESSION_KEY);
        if (token != null) {
          sendIfMissing(ctx, token);
        }
        ctx.next();
        return;
      }
      Principal who = ctx.get(Principal.CONTEXT_KEY);
      if (who == null || valid(ctx, session)) {
        ctx.next();
      } else {
        ctx.fail(ApiError.of(403, "csrf", "Missing or stale CSRF token: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header."));
      }
    };
  }

  /** A fresh token for a session that was just signed in to; sent with the sign-in answer. */
  void issue(RoutingContext ctx) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    ctx.session().put(SESSION_KEY, token);
    send(ctx, token);
  }

  private static boolean valid(RoutingContext ctx, Session session) {
    String expected = session.get(SESSION_KEY);
    String header = ctx.request().getHeader(HEADER);
    Cookie cookie = ctx.request().getCookie(COOKIE);
    return expected != null && header != null && cookie != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), cookie.getValue().getBytes(StandardCharsets.UTF_8));
  }

  private void sendIfMissing(RoutingContext ctx, String token) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null || !token.equals(cookie.getValue())) {
      send(ctx, token);
    }
  }

  /** Readable by the page's script (that is the point of double submit), never sent cross-site. */
  private void send(RoutingContext ctx, String token) {
    ctx.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(false).setSameSite(CookieSameSite.STRICT)
        .setSecure(cookies.secure(ctx)));
  }
}
