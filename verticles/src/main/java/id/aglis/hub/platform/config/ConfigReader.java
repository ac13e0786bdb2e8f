package id.aglis.hub.platform.config;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed, validated access to one section of the merged configuration document. Keys are relative to the
 * section; errors name what the operator set (the environment variable, or the key in the file) and never
 * echo a secret.
 */
public final class ConfigReader {

  private final JsonObject section;
  private final String prefix;
  private final Map<String, String> origin;
  private final Set<String> secretKeys;

  /**
   * @param origin     dotted path in the whole document → the name the operator used for it
   * @param secretKeys keys of this section whose values must never appear in a message
   */
  public ConfigReader(JsonObject section, String prefix, Map<String, String> origin, Set<String> secretKeys) {
    this.section = section;
    this.prefix = prefix;
    this.origin = origin;
    this.secretKeys = secretKeys;
  }

  public Object value(String key) {
    String[] parts = key.split("\\.");
    JsonObject parent = section;
    for (int i = 0; i < parts.length - 1 && parent != null; i++) {
      parent = parent.getJsonObject(parts[i]);
    }
    return parent == null ? null : parent.getValue(parts[parts.length - 1]);
  }

  /** What the operator called this key: its environment variable, or its dotted path in the file. */
  public String name(String key) {
    String path = prefix.isEmpty() ? key : prefix + "." + key;
    return origin.getOrDefault(path, path);
  }

  public ConfigException wrong(String key, String expectation, Object got) {
    boolean secret = secretKeys.stream().anyMatch(key::startsWith);
    return new ConfigException("Invalid configuration: " + name(key) + " " + expectation + (secret ? "" : " (got '" + got + "')") + ".");
  }

  public String optionalString(String key) {
    Object v = value(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw wrong(key, "must be a string", v);
    }
    return s.isBlank() ? null : s.strip();
  }

  /**
   * A comma-separated list ("a, b,c"), each entry matching {@code entryPattern}, else a message naming the key
   * with {@code expectation}; empty when unset.
   */
  public List<String> list(String key, String entryPattern, String expectation) {
    String text = optionalString(key);
    if (text == null) {
      return List.of();
    }
    List<String> entries = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String entry : entries) {
      if (!entry.matches(entryPattern)) {
        throw wrong(key, expectation, text);
      }
    }
    return entries;
  }

  public String string(String key) {
    String s = optionalString(key);
    if (s == null) {
      throw wrong(key, "must not be empty", "");
    }
    return s;
  }

  public int integer(String key, int min, int max) {
    Object v = value(key);
    long n;
    if (v instanceof Number number && number.doubleValue() == number.longValue()) {
      n = number.longValue();
    } else if (v instanceof String s && s.strip().matches("-?\\d{1,10}")) {
      n = Long.parseLong(s.strip());
    } else {
      throw wrong(key, "must be a whole number from " + min + " to " + max, v);
    }
    if (n < min || n > max) {
      throw wrong(key, "must be a whole number from " + min + " to " + max, v);
    }
    return (int) n;
  }

  public Boolean optionalBoolean(String key) {
    Object v = value(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "1", "on": return true;
        case "false", "no", "0", "off": return false;
        default: break;
      }
    }
    throw wrong(key, "must be true or false", v);
  }

  public boolean bool(String key) {
    Boolean b = optionalBoolean(key);
    if (b == null) {
      throw wrong(key, "must be true or false", "");
    }
    return b;
  }
}
