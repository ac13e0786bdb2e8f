package id.aglis.hub.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Makes the session durable in its store before the response leaves.
 *
 * <p>Vert.x stores a changed session after the response headers are written, and only for 2xx/3xx. A fast
 * client could then send its next request (after sign-in, or with a rotated CSRF token after a 400) before
 * the session reached Redis, and be refused. The HTTP edge puts a flusher on each cookie-authenticated
 * request; every response goes through {@link #thenSend}.
 */
public final class SessionFlush {

  /** Routing-context key of a {@code Function<RoutingContext, Future<Void>>} that stores the session. */
  public static final String KEY = "aglis.sessionFlush";

  private SessionFlush() {
  }

  public static void thenSend(RoutingContext ctx, Runnable send) {
    Function<RoutingContext, Future<Void>> flush = ctx.get(KEY);
    if (flush == null || ctx.session() == null) {
      send.run();
      return;
    }
    flush.apply(ctx).onComplete(stored -> send.run());
  }
}
