package id.aglis.hub.http;

import id.aglis.hub.config.HubConfig;
import io.vertx.ext.web.RoutingContext;

/**
 * Decides per request whether cookies get the Secure flag. In AUTO mode they do whenever the browser
 * reached us over HTTPS (directly, or through a TLS proxy saying so in {@code X-Forwarded-Proto}); a
 * forged header can only make a cookie stricter, never weaker.
 */
final class CookiePolicy {

  private final HubConfig.CookieSecurity mode;

  CookiePolicy(HubConfig.CookieSecurity mode) {
    this.mode = mode;
  }

  boolean secure(RoutingContext ctx) {
    return switch (mode) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
    };
  }
}
