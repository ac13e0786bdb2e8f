package id.aglis.hub.http;

import id.aglis.hub.identity.Authenticator;
import id.aglis.hub.web.FailureHandler;
import id.aglis.hub.web.Principal;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSRFHandler;

/**
 * Double-submit CSRF protection (Vert.x {@link CSRFHandler} defaults: cookie {@code XSRF-TOKEN}, header
 * {@code X-XSRF-TOKEN}) for exactly the requests that need it: state-changing requests authenticated by
 * the session cookie. Safe requests of browsers get a token issued; bearer-token clients carry no ambient
 * credential and are not checked; anonymous writes (sign-in) have no session to ride on.
 */
final class CsrfGuard {

  private final CSRFHandler overHttps;
  private final CSRFHandler overHttp;
  private final CookiePolicy cookies;

  /** {@code secret} signs the tokens and is shared by every node (see HubSettings). */
  CsrfGuard(Vertx vertx, String secret, CookiePolicy cookies, long validityMs) {
    this.overHttps = handler(vertx, secret, true, validityMs);
    this.overHttp = handler(vertx, secret, false, validityMs);
    this.cookies = cookies;
  }

  private static CSRFHandler handler(Vertx vertx, String secret, boolean secureCookie, long validityMs) {
    return CSRFHandler.create(vertx, secret)
        .setCookieName(CSRFHandler.DEFAULT_COOKIE_NAME)
        .setHeaderName(CSRFHandler.DEFAULT_HEADER_NAME)
        .setCookiePath("/")
        .setCookieHttpOnly(false)
        .setCookieSecure(secureCookie)
        .setTimeout(validityMs);
  }

  /** Runs before the route handlers. */
  Handler<RoutingContext> check() {
    return ctx -> {
      if (Authenticator.hasBearer(ctx)) {
        ctx.next();
        return;
      }
      HttpMethod method = ctx.request().method();
      boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
      Principal who = ctx.get(Principal.CONTEXT_KEY);
      if (!safe && who == null) {
        ctx.next();
        return;
      }
      ctx.put(FailureHandler.CSRF_PENDING, true);
      (cookies.secure(ctx) ? overHttps : overHttp).handle(ctx);
    };
  }

  /** Runs right after {@link #check()}: the check passed, so later 403s are not CSRF failures. */
  Handler<RoutingContext> passed() {
    return ctx -> {
      ctx.remove(FailureHandler.CSRF_PENDING);
      ctx.next();
    };
  }
}
