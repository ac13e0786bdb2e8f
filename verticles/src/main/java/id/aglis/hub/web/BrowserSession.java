package id.aglis.hub.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Hooks the HTTP edge puts on each cookie-authenticated request, so features can use the session without
 * knowing how the edge stores it or protects it.
 *
 * <p>{@link #thenSend}: Vert.x stores a changed session after the response headers are written, and only
 * for 2xx/3xx; a fast client could send its next request (say, right after sign-in) before the session
 * reached Redis. Every response goes through here, which stores the session first.
 * {@link #signedIn}: a session was just signed in to; the edge issues its CSRF token with the answer.
 */
public final class BrowserSession {

  /** Routing-context key of a {@code Function<RoutingContext, Future<Void>>} that stores the session. */
  public static final String FLUSH = "aglis.sessionFlush";
  /** Routing-context key of a {@code Handler<RoutingContext>} run after a successful sign-in. */
  public static final String SIGNED_IN = "aglis.signedIn";

  private BrowserSession() {
  }

  public static void thenSend(RoutingContext ctx, Runnable send) {
    Function<RoutingContext, Future<Void>> flush = ctx.get(FLUSH);
    if (flush == null || ctx.session() == null) {
      send.run();
      return;
    }
    flush.apply(ctx).onComplete(stored -> send.run());
  }

  public static void signedIn(RoutingContext ctx) {
    Handler<RoutingContext> hook = ctx.get(SIGNED_IN);
    if (hook != null) {
      hook.handle(ctx);
    }
  }
}
