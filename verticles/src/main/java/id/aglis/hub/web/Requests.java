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

  /**
   * A query parameter, trimmed; null when absent or blank. A malformed escape (%zz) or a NUL character is
   * a 400 naming the parameter, never a 500.
   */
  public static String query(RoutingContext ctx, String name) {
    java.util.List<String> values;
    try {
      values = ctx.queryParam(name);
    } catch (RuntimeException malformed) {
      throw ApiError.badRequest("invalid_query", "The query string is not correctly encoded.");
    }
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      return null;
    }
    String value = values.get(0).strip();
    if (value.indexOf('\u0000') >= 0) {
      throw ApiError.invalidField(name, "'" + name + "' must not contain NUL characters.");
    }
    return value;
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
