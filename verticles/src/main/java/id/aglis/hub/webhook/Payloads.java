package id.aglis.hub.webhook;

import id.aglis.hub.web.ApiError;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** Reads Fonnte's callback bodies, JSON or form-encoded, whose values may be strings or numbers. */
final class Payloads {

  private Payloads() {
  }

  static JsonObject read(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/form-data")) {
      MultiMap form = ctx.request().formAttributes();
      JsonObject body = new JsonObject();
      form.names().forEach(name -> body.put(name, form.get(name)));
      return body;
    }
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
      throw ApiError.badRequest("missing_body", "A callback body is required.");
    }
    try {
      Object parsed = ctx.body().buffer().toJsonValue();
      if (parsed instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException | IllegalStateException malformed) {
      // reported below
    }
    throw ApiError.badRequest("invalid_json", "The callback body is not a JSON object.");
  }

  /** A field as text: strings are trimmed, numbers written out ({@code 142223099}); null when absent or empty. */
  static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value instanceof Number n) {
      return n.doubleValue() == n.longValue() ? Long.toString(n.longValue()) : n.toString();
    }
    if (value instanceof String s && !s.isBlank()) {
      return s.strip();
    }
    return null;
  }
}
