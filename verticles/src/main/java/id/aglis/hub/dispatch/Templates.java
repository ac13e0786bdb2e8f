package id.aglis.hub.dispatch;

import id.aglis.hub.web.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders {@code {{name}}} placeholders; a placeholder without a value is an error naming it. */
public final class Templates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

  private Templates() {
  }

  public static JsonArray placeholders(String body) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(body);
    while (m.find()) {
      names.add(m.group(1));
    }
    return new JsonArray(names.stream().toList());
  }

  /** The text with every placeholder filled from {@code params}; numbers and booleans are written as text. */
  public static String render(String body, JsonObject params) {
    Matcher m = PLACEHOLDER.matcher(body);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      Object value = params == null ? null : params.getValue(name);
      if (value == null || value instanceof JsonObject || value instanceof JsonArray) {
        throw ApiError.invalidField("params." + name, "Missing template parameter '" + name + "'.");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
