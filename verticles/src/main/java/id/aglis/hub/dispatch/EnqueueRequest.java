package id.aglis.hub.dispatch;

import id.aglis.hub.common.Times;
import id.aglis.hub.common.Phones;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Fields;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * One message as a client asks for it ({@code POST /messages}, a batch item, or {@code dispatch.message.enqueue}),
 * validated: {@code {"to","text"}} or {@code {"to","template","params"}}, optional {@code priority},
 * {@code idempotencyKey}, {@code notBefore}, {@code device}. Field errors name the field.
 */
public record EnqueueRequest(String to, String text, String template, JsonObject params, Priority priority,
                             String idempotencyKey, OffsetDateTime notBefore, String device) {

  /** WhatsApp via Fonnte takes at most 60,000 characters of text. */
  public static final int MAX_TEXT = 60_000;
  private static final Set<String> FIELDS = Set.of("to", "text", "template", "params", "priority", "idempotencyKey", "notBefore", "device");

  public static EnqueueRequest parse(JsonObject body, Set<String> knownDevices) {
    Fields.onlyKnown(body, FIELDS);
    String rawTo = Fields.requiredString(body, "to", 40);
    String to = Phones.normalise(rawTo)
        .orElseThrow(() -> ApiError.invalidField("to", "'to' is not a valid WhatsApp number (e.g. 0812…, +62812… or 62812…)."));
    String text = text(body);
    String template = Fields.optionalString(body, "template", 64);
    if ((text == null) == (template == null)) {
      throw ApiError.invalidField(text == null ? "text" : "template", "Give either 'text' or 'template' (with 'params'), not both.");
    }
    Object params = body.getValue("params");
    if (params != null && !(params instanceof JsonObject)) {
      throw ApiError.invalidField("params", "'params' must be an object of placeholder values.");
    }
    if (params != null && ((JsonObject) params).stream().anyMatch(e -> e.getValue() instanceof String v && v.indexOf('\u0000') >= 0)) {
      throw ApiError.invalidField("params", "'params' must not contain NUL characters.");
    }
    String priorityText = Fields.optionalString(body, "priority", 16);
    Priority priority = priorityText == null ? Priority.NORMAL : Priority.parse(priorityText);
    if (priority == null) {
      throw ApiError.invalidField("priority", "'priority' must be one of urgent, high, normal, low.");
    }
    String device = Fields.optionalString(body, "device", 40);
    if (device != null && !knownDevices.contains(device)) {
      throw ApiError.invalidField("device", "'device' is not a configured WhatsApp device.");
    }
    return new EnqueueRequest(to, text, template, (JsonObject) params, priority,
        Fields.optionalString(body, "idempotencyKey", 200), notBefore(body), device);
  }

  private static String text(JsonObject body) {
    Object value = body.getValue("text");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw ApiError.invalidField("text", "'text' must be a string.");
    }
    if (s.isBlank()) {
      throw ApiError.invalidField("text", "'text' must not be empty.");
    }
    if (s.indexOf('\u0000') >= 0) {
      throw ApiError.invalidField("text", "'text' must not contain NUL characters.");
    }
    if (s.length() > MAX_TEXT) {
      throw ApiError.invalidField("text", "'text' must be at most " + MAX_TEXT + " characters (WhatsApp's limit through Fonnte).");
    }
    return s;
  }

  /** ISO-8601 with an offset; a local time without one is read as Jakarta time (WIB). At most a year ahead. */
  private static OffsetDateTime notBefore(JsonObject body) {
    String text = Fields.optionalString(body, "notBefore", 40);
    if (text == null) {
      return null;
    }
    OffsetDateTime at;
    try {
      at = OffsetDateTime.parse(text);
    } catch (DateTimeParseException withoutOffset) {
      try {
        at = LocalDateTime.parse(text).atZone(Times.BUSINESS_ZONE).toOffsetDateTime();
      } catch (DateTimeParseException e) {
        throw ApiError.invalidField("notBefore", "'notBefore' must be an ISO-8601 time, e.g. 2026-12-01T08:00:00+07:00.");
      }
    }
    if (at.isAfter(OffsetDateTime.now().plusYears(1))) {
      throw ApiError.invalidField("notBefore", "'notBefore' must be within a year from now.");
    }
    // A time in the past just means "now"; a very old one is stored as now, never as an out-of-range date.
    return at.isBefore(OffsetDateTime.now().minusDays(1)) ? null : at;
  }
}
