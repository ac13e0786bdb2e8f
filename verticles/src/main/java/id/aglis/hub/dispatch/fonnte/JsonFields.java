package id.aglis.hub.dispatch.fonnte;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lenient reads of Fonnte's JSON. Its replies are not consistent: {@code "Status"} has been seen with a capital S,
 * ids come as numbers in live traffic and as strings in the docs, and booleans may arrive as strings.
 */
final class JsonFields {

  private JsonFields() {
  }

  /** The value under {@code name}, matched without regard to case (an exact match wins). */
  static Object get(JsonObject json, String name) {
    if (json.containsKey(name)) {
      return json.getValue(name);
    }
    for (Map.Entry<String, Object> entry : json) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** TRUE or FALSE for a boolean or a "true"/"false" string; null for anything else, including absence. */
  static Boolean flag(JsonObject json, String name) {
    Object value = get(json, name);
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      String text = s.trim();
      if (text.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (text.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    return null;
  }

  /** A number or string as text (numbers without exponent or ".0"), or null. */
  static String text(JsonObject json, String name) {
    return scalar(get(json, name));
  }

  /** An array's scalar elements as text; a lone scalar as a one-element list; otherwise empty. */
  static List<String> texts(JsonObject json, String name) {
    Object value = get(json, name);
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (Object element : array) {
        String text = scalar(element);
        if (text != null) {
          out.add(text);
        }
      }
    } else {
      String text = scalar(value);
      if (text != null) {
        out.add(text);
      }
    }
    return out;
  }

  static JsonObject object(JsonObject json, String name) {
    return get(json, name) instanceof JsonObject object ? object : null;
  }

  private static String scalar(Object value) {
    if (value instanceof String s) {
      return s.trim();
    }
    if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
      return value.toString();
    }
    if (value instanceof Number n) {
      // A decoder may hand a large id over as a double; 1.42223099E8 must still read 142223099.
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    return null;
  }
}
