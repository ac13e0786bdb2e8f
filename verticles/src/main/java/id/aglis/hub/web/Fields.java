package id.aglis.hub.web;

import io.vertx.core.json.JsonObject;

/**
 * Typed, validated reads of JSON request fields. Every failure is a 400 {@code invalid_field} that names
 * the field, so bad input never reaches SQL or turns into a 500.
 */
public final class Fields {

  private Fields() {
  }

  public static String requiredString(JsonObject body, String field, int maxLength) {
    return requiredString(body, field, field, maxLength);
  }

  /** {@link #requiredString(JsonObject, String, int)} of {@code key} in a nested object, errors naming {@code field} ({@code targets.staff}). */
  public static String requiredString(JsonObject body, String key, String field, int maxLength) {
    String value = optionalString(body, key, field, maxLength);
    if (value == null || value.isBlank()) {
      throw ApiError.invalidField(field, "'" + field + "' is required.");
    }
    return value;
  }

  /** The trimmed string, or null when absent or JSON null; a blank string counts as absent. */
  public static String optionalString(JsonObject body, String field, int maxLength) {
    return optionalString(body, field, field, maxLength);
  }

  /** {@link #optionalString(JsonObject, String, int)} of {@code key} in a nested object, errors naming {@code field}. */
  public static String optionalString(JsonObject body, String key, String field, int maxLength) {
    Object value = body.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw ApiError.invalidField(field, "'" + field + "' must be a string.");
    }
    String trimmed = s.strip();
    if (trimmed.indexOf('\u0000') >= 0) {
      throw ApiError.invalidField(field, "'" + field + "' must not contain NUL characters.");
    }
    if (trimmed.length() > maxLength) {
      throw ApiError.invalidField(field, "'" + field + "' must be at most " + maxLength + " characters.");
    }
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** A password as given (never trimmed), or null when absent; length checked here, not logged anywhere. */
  public static String optionalPassword(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw ApiError.invalidField(field, "'" + field + "' must be a string.");
    }
    if (s.length() < 8 || s.length() > 128) {
      throw ApiError.invalidField(field, "'" + field + "' must be 8 to 128 characters long.");
    }
    return s;
  }

  public static Boolean optionalBoolean(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Boolean b)) {
      throw ApiError.invalidField(field, "'" + field + "' must be true or false.");
    }
    return b;
  }

  public static Double optionalNumber(JsonObject body, String field, double min, double max) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || Double.isNaN(n.doubleValue())) {
      throw ApiError.invalidField(field, "'" + field + "' must be a number.");
    }
    double d = n.doubleValue();
    if (d < min || d > max) {
      throw ApiError.invalidField(field, "'" + field + "' must be between " + min + " and " + max + ".");
    }
    return d;
  }

  /**
   * A whole number within {@code min..max} (a JSON number without a fraction, not text), or null when absent;
   * {@code key} in {@code body}, errors naming {@code field}.
   */
  public static Long optionalWhole(JsonObject body, String key, String field, long min, long max) {
    Object value = body.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
      throw ApiError.invalidField(field, "'" + field + "' must be a whole number.");
    }
    if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
      throw ApiError.invalidField(field, "'" + field + "' must be a whole number from " + min + " to " + max + ".");
    }
    return n.longValue();
  }

  /** One of the allowed lower-case words, or null when absent. */
  public static String optionalEnum(JsonObject body, String field, java.util.Set<String> allowed) {
    String value = optionalString(body, field, 64);
    if (value != null && !allowed.contains(value)) {
      throw ApiError.invalidField(field, "'" + field + "' must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
    }
    return value;
  }

  /** A phone number normalised to {@code 62…} digits, or null when absent. */
  public static String optionalPhone(JsonObject body, String field) {
    String raw = optionalString(body, field, 32);
    if (raw == null) {
      return null;
    }
    return id.aglis.hub.common.Phones.normalise(raw).orElseThrow(() ->
        ApiError.invalidField(field, "'" + field + "' is not a valid phone number (e.g. 0812… or +62812…)."));
  }

  private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  /** An e-mail address (loosely checked), or null when absent. */
  public static String optionalEmail(JsonObject body, String field) {
    String email = optionalString(body, field, 254);
    if (email != null && !EMAIL.matcher(email).matches()) {
      throw ApiError.invalidField(field, "'" + field + "' is not an e-mail address.");
    }
    return email;
  }

  /** Rejects keys the endpoint does not know, so a typo is an error instead of a silent no-op. */
  public static void onlyKnown(JsonObject body, java.util.Set<String> known) {
    for (String key : body.fieldNames()) {
      if (!known.contains(key)) {
        throw ApiError.invalidField(key, "Unknown field '" + key + "'.");
      }
    }
  }

  /** The earliest time an API field may name: nothing of this ISP's records is older. */
  private static final java.time.OffsetDateTime EARLIEST = java.time.OffsetDateTime.parse("2000-01-01T00:00:00+07:00");
  /** How far ahead an API time may reach. */
  private static final int MAX_YEARS_AHEAD = 10;

  /**
   * {@code at}, when a person could have meant it: from the year 2000 to ten years ahead. Anything else (the
   * year +999999999) is a typo or a probe, and PostgreSQL would have kept it as 'infinity'.
   */
  public static java.time.OffsetDateTime saneTime(java.time.OffsetDateTime at, String field) {
    if (at != null && (at.isBefore(EARLIEST) || at.isAfter(java.time.OffsetDateTime.now().plusYears(MAX_YEARS_AHEAD)))) {
      throw ApiError.invalidField(field, "'" + field + "' must be between 2000 and " + MAX_YEARS_AHEAD + " years from now.");
    }
    return at;
  }
}
