package id.aglis.hub.web;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/** Small facts about the request that several features need. */
public final class Requests {

  private Requests() {
  }

  /** The caller's IP as the socket sees it (forwarded headers are not trusted unless the edge is set up to). */
  public static String ip(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }

  /** The path parameter as a positive id, or a 404 (an id that cannot exist is simply not found). */
  public static long idParam(RoutingContext ctx, String name, String what) {
    String raw = ctx.pathParam(name);
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // falls through
    }
    throw ApiError.notFound(what);
  }
}
