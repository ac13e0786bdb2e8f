package id.aglis.hub.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads a request body as a JSON object, turning every way it can be wrong into a 400. */
public final class Bodies {

  private Bodies() {
  }

  public static JsonObject object(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    // JSON only: a cross-site form can post text/plain or form bodies without a CORS preflight.
    if (type == null || !type.strip().toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw ApiError.of(415, "unsupported_media_type", "Send the body as application/json.");
    }
    return parse(ctx);
  }

  /** The body as a JSON object, whatever the content type claims: 400 when it is missing or not one. */
  public static JsonObject parse(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
      throw ApiError.badRequest("missing_body", "A JSON object body is required.");
    }
    try {
      Object parsed = ctx.body().buffer().toJsonValue();
      if (parsed instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException | IllegalStateException malformed) {
      throw ApiError.badRequest("invalid_json", "The request body is not valid JSON.");
    }
    throw ApiError.badRequest("invalid_json", "The request body must be a JSON object.");
  }
}
