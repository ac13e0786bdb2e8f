package id.aglis.hub.webhook;

import id.aglis.hub.web.Bodies;
import io.vertx.core.MultiMap;
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
    // Fonnte posts JSON; its content type is not relied on.
    return Bodies.parse(ctx);
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
